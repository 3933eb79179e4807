import CNetlink
import Glibc
import NetwatchCore

/// Dumps the connection-tracking table of the current network namespace through
/// `NETLINK_NETFILTER` (`IPCTNL_MSG_CT_GET` with `NLM_F_DUMP`, both address families at once),
/// parsing entries in place from the receive buffer and streaming them to the caller.
public final class CtnetlinkClient {
    private let receiver: NetlinkDump

    public init(bufferSize: Int = 64 * 1024) {
        receiver = NetlinkDump(.ctnetlink, bufferSize: bufferSize)
    }

    public func dump(_ body: (ConntrackEntry) -> Void) throws(NetlinkError) -> NetlinkDump.Result {
        let fd = try NetlinkDump.openSocket(.ctnetlink, NETLINK_NETFILTER)
        defer { close(fd) }
        let request = withUnsafeBytes(of: CtnetlinkClient.request()) { Array($0) }
        return try receiver.run(on: fd, request: request) { CtnetlinkReply.parse($0, body) }
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
