import CNetlink
import Glibc
import NetwatchCore

/// Finds every network namespace on the host and names it: the distinct `/proc/*/ns/net`
/// inodes, plus the bind mounts under /run/netns (`ip netns`) and /run/docker/netns that may
/// have no process in them. Names come from ``NamespaceEvidence`` and are kept per inode (a
/// namespace's name does not change), so a repeated discovery costs one `readlink` per process.
public final class NamespaceDiscovery {
    public let root: ProcRoot
    /// Where `ip netns` and Docker keep their bind mounts, and how each names what it holds.
    let mountDirectories: [(path: String, naming: NamespaceNaming)]
    /// Names found before, by inode.
    private var names: [UInt64: (name: String, namedBy: NamespaceNaming)] = [:]

    /// What one discovery found.
    public struct Found: Sendable {
        /// Every namespace, the host's first, then by name.
        public var namespaces: [Netns]
        /// Each readable process's namespace inode.
        public var members: [Int32: UInt64]
        /// The host's own namespace (pid 1's, else pid 2's).
        public var hostInode: UInt64?
    }

    /// `nsfs` (`NSFS_MAGIC`): what a namespace bind mount's file system is.
    static let nsfsMagic = 0x6e73_6673

    public init(root: ProcRoot = ProcRoot(),
                mountDirectories: [(path: String, naming: NamespaceNaming)] = [("/run/netns", .ipNetns), ("/run/docker/netns", .dockerSandbox)]) {
        self.root = root
        self.mountDirectories = mountDirectories
    }

    public func discover() -> Found {
        var members = [Int32: UInt64]()
        var byInode = [UInt64: [Int32]]()
        for pid in root.processIDs() {
            guard let inode = root.readLink("\(pid)/ns/net").flatMap(Self.inode(inLink:)) else { continue }
            members[pid] = inode
            byInode[inode, default: []].append(pid)
        }
        // pid 1's namespace; where its link is unreadable (a sandbox's init), pid 2's — kthreadd,
        // whose kernel threads live in the initial namespace — before netwatch's own, which is
        // wrong when netwatch itself runs in another namespace (`ip netns exec`).
        let hostInode = members[1] ?? members[2] ?? root.readLink("self/ns/net").flatMap(Self.inode(inLink:))
        var mounts = [UInt64: (path: String, file: String, naming: NamespaceNaming)]()
        for directory in mountDirectories {
            for (file, inode) in Self.boundNamespaces(in: directory.path) where mounts[inode]?.naming != .ipNetns {
                mounts[inode] = (directory.path + "/" + file, file, directory.naming)
            }
        }
        let inodes = Set(byInode.keys).union(mounts.keys)
        var namespaces = inodes.map { inode -> Netns in
            let pids = byInode[inode] ?? []
            let mount = mounts[inode]
            let named = name(inode: inode, pids: pids, mount: mount.map { ($0.file, $0.naming) }, hostInode: hostInode)
            return Netns(inode: inode, name: named.name, namedBy: named.namedBy, pid: pids.first,
                                    mountPath: mount?.path, processCount: pids.count)
        }
        names = names.filter { inodes.contains($0.key) }
        namespaces.sort { ($0.isHost ? 0 : 1, $0.name, $0.inode) < ($1.isHost ? 0 : 1, $1.name, $1.inode) }
        return Found(namespaces: namespaces, members: members, hostInode: hostInode)
    }

    /// The name of a namespace: kept from before, or gathered now from its first processes.
    private func name(inode: UInt64, pids: [Int32], mount: (file: String, naming: NamespaceNaming)?,
                      hostInode: UInt64?) -> (name: String, namedBy: NamespaceNaming) {
        if let known = names[inode], known.namedBy != .process || mount == nil { return known }
        var evidence = NamespaceEvidence(inode: inode)
        evidence.isHost = inode == hostInode
        if let mount {
            if mount.naming == .ipNetns { evidence.ipNetnsName = mount.file } else { evidence.dockerSandbox = mount.file }
        }
        if !evidence.isHost && evidence.ipNetnsName == nil {
            gather(pids: pids, into: &evidence)
        }
        evidence.pid = pids.first
        if let pid = pids.first {
            evidence.command = (try? root.read("\(pid)/comm").get())?.trimming(while: \.isNewline)
        }
        let named = evidence.name
        names[inode] = named
        return named
    }

    /// How many processes of a namespace have their cgroup read for a name.
    static let cgroupsRead = 3

    /// The cgroups of the first processes, and the hostname of the first one with a UTS
    /// namespace of its own (a container's `/etc/hostname`; a pod's is its name).
    private func gather(pids: [Int32], into evidence: inout NamespaceEvidence) {
        evidence.cgroups = pids.prefix(Self.cgroupsRead).compactMap { try? root.read("\($0)/cgroup").get() }
        let hostUTS = root.readLink("1/ns/uts") ?? root.readLink("self/ns/uts")
        for pid in pids.prefix(Self.cgroupsRead) {
            guard let uts = root.readLink("\(pid)/ns/uts"), uts != hostUTS,
                  let text = try? root.read("\(pid)/root/etc/hostname").get() else { continue }
            let hostname = text.trimming(while: \.isWhitespace)
            if !hostname.isEmpty { evidence.hostname = hostname; break }
        }
    }

    /// `net:[4026531840]` → 4026531840.
    static func inode(inLink link: String) -> UInt64? {
        guard link.hasPrefix("net:["), link.hasSuffix("]") else { return nil }
        return UInt64(link.dropFirst(5).dropLast())
    }

    /// The namespace bind mounts in a directory: file name and namespace inode. A file that is
    /// not a mounted namespace (left behind by a failed `ip netns add`) is skipped.
    static func boundNamespaces(in directory: String) -> [(file: String, inode: UInt64)] {
        guard let listing = try? ProcRoot(path: directory).list("").get() else { return [] }
        return listing.sorted().compactMap { file in
            let path = directory + "/" + file
            var info = stat()
            guard cfs_filesystem_type(path) == nsfsMagic, stat(path, &info) == 0 else { return nil }
            return (file, UInt64(info.st_ino))
        }
    }
}
