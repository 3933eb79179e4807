import CNetlink
import Glibc
import NetwatchCore

/// A ctnetlink request or receive that failed; says which and why.
public struct CtnetlinkError: Error, Equatable, Sendable, CustomStringConvertible {
    public let operation: String
    public let errno: Int32
    public let detail: String?

    public init(_ operation: String, errno: Int32, detail: String? = nil) {
        self.operation = operation
        self.errno = errno
        self.detail = detail
    }

    public var description: String {
        let why = detail ?? String(cString: strerror(errno))
        let hint = errno == EPERM ? " (reading the conntrack table needs CAP_NET_ADMIN)" : ""
        return "netlink ctnetlink \(operation) failed: \(why)\(hint)"
    }
}

/// Dumps the connection-tracking table of the current network namespace through
/// `NETLINK_NETFILTER` (`IPCTNL_MSG_CT_GET` with `NLM_F_DUMP`, both address families at once),
/// parsing entries in place from the receive buffer and streaming them to the caller.
public final class CtnetlinkClient {
    private let buffer: UnsafeMutableRawBufferPointer

    /// The kernel fills each dump message up to the reader's buffer (at most 32 KiB per skb as of
    /// 6.x); a larger buffer means fewer receives.
    public init(bufferSize: Int = 64 * 1024) {
        buffer = .allocate(byteCount: bufferSize, alignment: 8)
    }

    deinit { buffer.deallocate() }

    public struct DumpResult: Equatable, Sendable {
        public var entries = 0
        public var interrupted = false
    }

    public func dump(_ body: (ConntrackEntry) -> Void) throws(CtnetlinkError) -> DumpResult {
        let fd = socket(AF_NETLINK, Int32(SOCK_DGRAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), NETLINK_NETFILTER)
        guard fd >= 0 else { throw CtnetlinkError("socket", errno: errno) }
        defer { close(fd) }
        var request = CtnetlinkClient.request()
        var kernel = sockaddr_nl()
        kernel.nl_family = sa_family_t(AF_NETLINK)
        let sent = withUnsafeBytes(of: &request) { raw in
            withUnsafePointer(to: &kernel) { address in
                address.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                    sendto(fd, raw.baseAddress, raw.count, 0, $0, socklen_t(MemoryLayout<sockaddr_nl>.size))
                }
            }
        }
        guard sent == MemoryLayout<cnl_ctnetlink_request>.size else {
            throw CtnetlinkError("request", errno: sent < 0 ? errno : EMSGSIZE)
        }
        var result = DumpResult()
        while true {
            let n = recv(fd, buffer.baseAddress, buffer.count, 0)
            if n < 0 {
                if errno == EINTR { continue }
                throw CtnetlinkError("receive", errno: errno)
            }
            if n == 0 { throw CtnetlinkError("receive", errno: EPROTO, detail: "the kernel closed the dump early") }
            let outcome = CtnetlinkReply.parse(UnsafeRawBufferPointer(rebasing: UnsafeRawBufferPointer(buffer)[0..<n]), body)
            result.entries += outcome.entries
            result.interrupted = result.interrupted || outcome.interrupted
            switch outcome.step {
            case .more: continue
            case .done: return result
            case let .failed(code): throw CtnetlinkError("dump", errno: code)
            case let .malformed(why): throw CtnetlinkError("dump", errno: EPROTO, detail: why)
            }
        }
    }

    /// nlmsghdr + nfgenmsg for an `IPCTNL_MSG_CT_GET` dump of every family (`AF_UNSPEC`).
    static func request() -> cnl_ctnetlink_request {
        var message = cnl_ctnetlink_request()
        message.header.nlmsg_len = UInt32(MemoryLayout<cnl_ctnetlink_request>.size)
        message.header.nlmsg_type = UInt16(NFNL_SUBSYS_CTNETLINK << 8) | UInt16(IPCTNL_MSG_CT_GET.rawValue)
        message.header.nlmsg_flags = UInt16(NLM_F_REQUEST | NLM_F_DUMP)
        message.message.nfgen_family = UInt8(AF_UNSPEC)
        message.message.version = UInt8(NFNETLINK_V0)
        return message
    }
}
