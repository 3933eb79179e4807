/// One network namespace on the host, as discovery found and named it (`Netns`, as in
/// `ip netns` and `--netns`; the tests' `NetworkNamespace` is the one they create).
public struct Netns: Equatable, Hashable, Sendable {
    /// The nsfs inode (`ls -iL /proc/PID/ns/net`, the number in `net:[…]`): the namespace's identity.
    public var inode: UInt64
    /// What a person calls it: `host`, the `ip netns` name, a container or pod, `pid N (comm)`.
    public var name: String
    public var namedBy: NamespaceNaming
    /// A process inside it (the lowest pid), `nil` for a bind-mounted namespace no process is in.
    public var pid: Int32?
    /// The bind mount that keeps it (`/run/netns/NAME`, `/run/docker/netns/ID`), if any.
    public var mountPath: String?
    /// How many processes have it as their network namespace.
    public var processCount: Int

    public init(inode: UInt64, name: String, namedBy: NamespaceNaming, pid: Int32?, mountPath: String? = nil, processCount: Int = 0) {
        self.inode = inode
        self.name = name
        self.namedBy = namedBy
        self.pid = pid
        self.mountPath = mountPath
        self.processCount = processCount
    }

    /// The host's own namespace (the one pid 1 is in).
    public var isHost: Bool { namedBy == .host }
}
