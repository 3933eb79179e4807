import Glibc
import NetwatchCore

/// An open network namespace: a descriptor that keeps it reachable, and a sock_diag socket
/// created inside it (on the ``NamespaceThread``) that every socket dump of it uses.
/// Closing the handle (deinit) releases both, so a namespace whose last process ended can go.
public final class NamespaceHandle {
    public private(set) var namespace: Netns
    let root: ProcRoot
    let thread: NamespaceThread
    /// The namespace file, opened from its bind mount or `/proc/PID/ns/net`.
    let descriptor: Int32
    /// The `NETLINK_SOCK_DIAG` socket bound to the namespace.
    public let diagSocket: Int32

    /// Opens `namespace` and creates its sock_diag socket inside it.
    /// - Throws: ``NamespaceEntryError`` naming the namespace: it is gone (the process ended,
    ///   the mount was removed), it is another namespace now (a reused pid), or it cannot be
    ///   entered (no CAP_SYS_ADMIN).
    public init(_ namespace: Netns, root: ProcRoot, thread: NamespaceThread) throws(NamespaceEntryError) {
        guard let path = namespace.mountPath ?? namespace.pid.map({ root.absolute("\($0)/ns/net") }) else {
            throw NamespaceEntryError(namespace: namespace.name, operation: "no process or mount to open it by", errno: ENOENT)
        }
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw NamespaceEntryError(namespace: namespace.name, operation: "open \(path)", errno: errno) }
        var info = stat()
        guard fstat(descriptor, &info) == 0, UInt64(info.st_ino) == namespace.inode else {
            close(descriptor)
            throw NamespaceEntryError(namespace: namespace.name, operation: "open \(path)", errno: ESRCH)
        }
        let opened: Result<Int32, NetlinkError>
        do {
            opened = try thread.run(in: descriptor, name: namespace.name) { Result { () throws(NetlinkError) in try SockDiagClient.openSocket() } }
        } catch {
            close(descriptor)
            throw error
        }
        let socket: Int32
        switch opened {
        case let .success(opened): socket = opened
        case let .failure(error):
            close(descriptor)
            throw NamespaceEntryError(namespace: namespace.name, operation: "sock_diag socket", errno: error.errno)
        }
        self.namespace = namespace
        self.root = root
        self.thread = thread
        self.descriptor = descriptor
        self.diagSocket = socket
    }

    deinit {
        close(diagSocket)
        close(descriptor)
    }

    /// Takes a newer discovery's facts (process count, lowest pid) for the same namespace.
    public func update(_ found: Netns) {
        if found.inode == namespace.inode { namespace = found }
    }

    /// Reads the namespace's own sysctls, sockstat and TCP counters from inside it (/proc/sys/net
    /// and /proc/thread-self/net follow the reading thread's namespace); file-nr and the host
    /// identity are host-wide. A failure to enter becomes a warning and leaves the fields `nil`.
    /// Without `sysctls` the counters are read through a process in it (`/proc/PID/net`), which
    /// needs no entering.
    func readKernelFiles(into sample: inout RawSample, sysctls: Bool, _ warnings: inout [String]) {
        let host = KernelReaders(root: root)
        sample.fileNr = host.fileNr(&warnings)
        (sample.hostName, sample.kernel) = host.host(&warnings)
        if !sysctls, let pid = namespace.pid {
            let member = KernelReaders(root: ProcRoot(path: root.absolute("\(pid)")))
            (sample.sockstat, sample.tcp, sample.tcpExt) = (member.sockstat(&warnings), member.tcpCounters(&warnings), member.tcpExtCounters(&warnings))
            return
        }
        let threadSelf = ProcRoot(path: root.path + "/thread-self")
        let own = KernelReaders(root: threadSelf)
        let conntrack = ConntrackReader(root: root, statisticsRoot: threadSelf)
        let read = try? thread.run(in: descriptor, name: namespace.name) {
            var inside = [String]()
            return (sysctls ? host.sysctls(&inside) : Sysctls(), own.sockstat(&inside), own.tcpCounters(&inside), own.tcpExtCounters(&inside),
                    conntrack.read(&inside), inside)
        }
        guard let read else {
            warnings.append("cannot enter netns \(namespace.name) to read its sysctls and counters")
            return
        }
        (sample.sysctl, sample.sockstat, sample.tcp, sample.tcpExt, sample.conntrack) = (read.0, read.1, read.2, read.3, read.4)
        warnings += read.5
    }

    /// Runs `body` on the namespace's thread, inside it: a socket `body` creates belongs to the
    /// namespace (the ctnetlink dump of its conntrack table). `nil` when it cannot be entered.
    func inside<T>(_ body: () -> T) -> T? {
        try? thread.run(in: descriptor, name: namespace.name, body)
    }

    /// Whether `pid`'s network namespace is this one.
    func contains(pid: Int32) -> Bool {
        root.readLink("\(pid)/ns/net").flatMap(NamespaceDiscovery.inode(inLink:)) == namespace.inode
    }
}
