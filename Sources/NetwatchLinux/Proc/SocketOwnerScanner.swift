import Foundation
import NetwatchCore

/// Maps socket inodes to the processes holding them by reading `/proc/PID/fd/*` links
/// (`socket:[INODE]`). Expensive (every fd of every process), so it looks only for the inodes
/// asked for and stops as soon as all are found.
public struct SocketOwnerScanner: Sendable {
    public let root: ProcRoot

    public init(root: ProcRoot) { self.root = root }

    public func owners(of wanted: Set<UInt32>) -> [UInt32: ProcessIdentity] {
        var found = [UInt32: ProcessIdentity]()
        guard !wanted.isEmpty else { return found }
        for pid in root.processIDs() {
            guard case let .success(fds) = root.list("\(pid)/fd") else { continue }
            var command: String?
            for fd in fds {
                guard let target = root.readLink("\(pid)/fd/\(fd)"), let inode = SocketOwnerScanner.inode(inLink: target),
                      wanted.contains(inode), found[inode] == nil else { continue }
                if command == nil {
                    command = (try? root.read("\(pid)/comm").get()).flatMap { try? ProcessComm.parse($0) } ?? "?"
                }
                found[inode] = ProcessIdentity(pid: pid, command: command ?? "?")
                if found.count == wanted.count { return found }
            }
        }
        return found
    }

    /// `socket:[12345]` → 12345.
    static func inode(inLink target: String) -> UInt32? {
        guard target.hasPrefix("socket:["), target.hasSuffix("]") else { return nil }
        return UInt32(target.dropFirst(8).dropLast())
    }
}
