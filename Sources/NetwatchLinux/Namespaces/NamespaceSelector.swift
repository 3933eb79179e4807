import CNetlink
import Glibc
import NetwatchCore

/// `--netns NAME|PID|PATH`: which namespace the words name, among those discovery found.
public enum NamespaceSelector {
    /// A path (it contains `/`: an `ip netns` mount, `/proc/PID/ns/net`), a pid (digits), else a
    /// name as the namespaces view lists it (`host`, `web`, `docker 3f2a1b9c4d5e`).
    /// - Throws: ``NamespaceSelectionError`` saying what was not found and how to list names.
    public static func select(_ words: String, in found: NamespaceDiscovery.Found, root: ProcRoot) throws(NamespaceSelectionError) -> Netns {
        if words.contains("/") {
            var info = stat()
            guard stat(words, &info) == 0 else { throw NamespaceSelectionError(words, String(cString: strerror(errno))) }
            guard cfs_filesystem_type(words) == NamespaceDiscovery.nsfsMagic else {
                throw NamespaceSelectionError(words, "not a network namespace file (an ip netns mount or /proc/PID/ns/net)")
            }
            let inode = UInt64(info.st_ino)
            return found.namespaces.first { $0.inode == inode }
                ?? Netns(inode: inode, name: words, namedBy: .process, pid: nil, mountPath: words)
        }
        if let pid = Int32(words) {
            guard let link = root.readLink("\(pid)/ns/net"), let inode = NamespaceDiscovery.inode(inLink: link),
                  let namespace = found.namespaces.first(where: { $0.inode == inode }) else {
                throw NamespaceSelectionError(words, "no process \(pid) whose network namespace can be read")
            }
            return namespace
        }
        let named = found.namespaces.filter { $0.name == words }
        guard let namespace = named.first else {
            throw NamespaceSelectionError(words, "no network namespace has this name; `netwatch snapshot --all-netns` lists them")
        }
        return namespace
    }
}

/// `--netns` named nothing usable; the message quotes the words and says why.
public struct NamespaceSelectionError: Error, Equatable, Sendable, CustomStringConvertible {
    public let words: String
    public let reason: String

    init(_ words: String, _ reason: String) {
        self.words = words
        self.reason = reason
    }

    public var description: String { "--netns '\(words)': \(reason)" }
}
