import Glibc

/// A netlink request or receive that failed: which protocol, which step and why.
public struct NetlinkError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The netlink protocols netwatch dumps through, as messages name them.
    public enum Family: String, Sendable {
        case sockDiag = "sock_diag"
        case ctnetlink = "ctnetlink"

        /// What an `EPERM` means for this protocol.
        var permissionHint: String {
            switch self {
            case .sockDiag: ""
            case .ctnetlink: " (reading the conntrack table needs CAP_NET_ADMIN)"
            }
        }
    }

    public let family: Family
    public let operation: String
    public let errno: Int32
    public let detail: String?

    public init(_ family: Family, _ operation: String, errno: Int32, detail: String? = nil) {
        self.family = family
        self.operation = operation
        self.errno = errno
        self.detail = detail
    }

    public var description: String {
        let why = detail ?? String(cString: strerror(errno))
        return "netlink \(family.rawValue) \(operation) failed: \(why)" + (errno == EPERM ? family.permissionHint : "")
    }
}
