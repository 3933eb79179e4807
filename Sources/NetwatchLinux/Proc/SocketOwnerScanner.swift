import NetwatchCore

/// Maps socket inodes to the processes holding them by reading `/proc/PID/fd/*` links
/// (`socket:[INODE]`). Expensive (every fd of every process), so it looks only for the inodes
/// asked for and stops as soon as all are found.
public struct SocketOwnerScanner: Sendable {
    public let root: ProcRoot

    public init(root: ProcRoot) { self.root = root }

    /// What a lookup found, and how many processes' fds could not be read for lack of
    /// permission (their sockets' owners stay unknown).
    public struct Result: Sendable {
        public var owners: [UInt32: ProcessIdentity] = [:]
        public var unreadableProcesses = 0
    }

    public func owners(of wanted: Set<UInt32>) -> [UInt32: ProcessIdentity] { lookUp(wanted).owners }

    public func lookUp(_ wanted: Set<UInt32>) -> Result {
        var result = Result()
        guard !wanted.isEmpty else { return result }
        for pid in root.processIDs() {
            var command: String?
            // The fds are walked as the directory yields them, not listed first.
            let unlisted = root.forEachEntry(in: "\(pid)/fd") { fd in
                guard let target = root.readLink("\(pid)/fd/\(fd)"), let inode = SocketOwnerScanner.inode(inLink: target),
                      wanted.contains(inode), result.owners[inode] == nil else { return true }
                if command == nil {
                    command = (try? root.read("\(pid)/comm").get()).flatMap { try? ProcessComm.parse($0) } ?? "?"
                }
                result.owners[inode] = ProcessIdentity(pid: pid, command: command ?? "?")
                return result.owners.count < wanted.count
            }
            if let unlisted, unlisted.isPermission { result.unreadableProcesses += 1 }
            if result.owners.count == wanted.count { return result }
        }
        return result
    }

    /// The sockets one process holds: its identity and the inodes of its `socket:[…]` fds;
    /// `nil` when the process is gone or its fds cannot be read. One process's fds only.
    public func sockets(of pid: Int32) -> (process: ProcessIdentity, inodes: Set<UInt32>)? {
        guard case let .success(fds) = root.list("\(pid)/fd") else { return nil }
        let inodes = Set(fds.compactMap { fd in root.readLink("\(pid)/fd/\(fd)").flatMap(SocketOwnerScanner.inode(inLink:)) })
        let command = (try? root.read("\(pid)/comm").get())?.trimming(while: \.isNewline) ?? "?"
        return (ProcessIdentity(pid: pid, command: command), inodes)
    }

    /// `socket:[12345]` → 12345.
    static func inode(inLink target: String) -> UInt32? {
        guard target.hasPrefix("socket:["), target.hasSuffix("]") else { return nil }
        return UInt32(target.dropFirst(8).dropLast())
    }
}
