/// What discovery learned about one namespace, from which ``name`` picks the best name.
public struct NamespaceEvidence: Equatable, Sendable {
    public var isHost = false
    /// Its name under /run/netns (`ip netns`).
    public var ipNetnsName: String?
    /// Its file name under /run/docker/netns.
    public var dockerSandbox: String?
    /// The cgroup file text of the processes in it that were read, lowest pid first.
    public var cgroups: [String] = []
    /// The hostname of a process in it that has its own root (`/proc/PID/root/etc/hostname`).
    public var hostname: String?
    /// The lowest pid in it and its `comm`.
    public var pid: Int32?
    public var command: String?
    public var inode: UInt64

    public init(inode: UInt64) { self.inode = inode }

    /// How many characters of a container id a name shows (as `docker ps` does).
    public static let shortIDLength = 12

    /// The name and how it was found: `host`, the `ip netns` name, a container from a cgroup
    /// path (`docker 3f2a1b9c4d5e`; a pod by its hostname, else its UID), a hostname, a docker
    /// sandbox, else `pid N (comm)`.
    public var name: (name: String, namedBy: NamespaceNaming) {
        if isHost { return ("host", .host) }
        if let ipNetnsName { return (ipNetnsName, .ipNetns) }
        let identities = cgroups.compactMap(CgroupIdentity.parse)
        let containers = identities.filter { if case .systemdUnit = $0 { false } else { true } }
        switch containers.first ?? identities.first {
        case let .pod(uid, _)?:
            return ("pod " + (hostname ?? String(uid.prefix(8))), .pod)
        case let .container(runtime, id)?:
            let shown = runtime == "nspawn" ? id : String(id.prefix(Self.shortIDLength))
            return ("\(runtime) \(shown)", .container)
        case let .systemdUnit(unit)?:
            return (unit, .systemdUnit)
        case nil:
            break
        }
        if let hostname { return (hostname, .hostname) }
        if let dockerSandbox { return ("docker sandbox \(dockerSandbox)", .dockerSandbox) }
        if let pid { return ("pid \(pid) (\(command ?? "?"))", .process) }
        return ("netns \(inode)", .process)
    }
}
