import CNetlink
import Glibc

/// The demo's private network namespace: anonymous, created with `unshare(CLONE_NEWNET)` (no
/// `ip netns` name, nothing to delete), so it lives exactly as long as netwatch and its workers.
///
/// Entering it moves the calling thread; call ``enter()`` on the main thread before any other thread
/// starts. From then on this process's netlink sockets, `/proc/self/net` (so `/proc/net`) and
/// `/proc/sys/net` are the namespace's, and children started later are born in it. The sysctls set
/// here are the namespace's own (docs/KERNEL.md §8); the host's are never touched.
enum DemoNamespace {
    /// The one line printed, with exit status 2, when the namespace cannot be created.
    static let privilegeMessage =
        "netwatch demo needs root, or CAP_SYS_ADMIN and CAP_NET_ADMIN, to create its private network namespace"

    /// Creates the namespace, moves into it and brings its loopback interface up.
    static func enter() throws(DashboardExit) {
        switch cns_unshare_network() {
        case 0: break
        case EPERM: throw DashboardExit(status: 2, message: privilegeMessage)
        case let code: throw DashboardExit(status: 1, message: "cannot create a network namespace: \(String(cString: strerror(code)))")
        }
        switch cns_loopback_up() {
        case 0: break
        case EPERM: throw DashboardExit(status: 2, message: privilegeMessage)
        case let code: throw DashboardExit(status: 1, message: "cannot bring up lo in the demo's namespace: \(String(cString: strerror(code)))")
        }
    }

    /// Narrows the namespace's ephemeral port range to `portRange` and turns `tcp_tw_reuse` off, so
    /// that TIME_WAIT entries keep their ports for the full 60 s even on loopback.
    static func configure(portRange: ClosedRange<Int>) throws(DashboardExit) {
        try write("\(portRange.lowerBound) \(portRange.upperBound)\n", to: "/proc/sys/net/ipv4/ip_local_port_range")
        try write("0\n", to: "/proc/sys/net/ipv4/tcp_tw_reuse")
    }

    private static func write(_ text: String, to path: String) throws(DashboardExit) {
        let fd = open(path, O_WRONLY | O_CLOEXEC)
        let written = fd < 0 ? -1 : text.withCString { Glibc.write(fd, $0, strlen($0)) }
        let code = errno
        if fd >= 0 { close(fd) }
        guard written == text.utf8.count else {
            let reason = code == EACCES || code == EPERM ? privilegeMessage : String(cString: strerror(code))
            throw DashboardExit(status: code == EACCES || code == EPERM ? 2 : 1, message: "cannot write \(path): \(reason)")
        }
    }
}
