import CNetlink
import Glibc
import NetwatchCore

/// Dumps TCP sockets through `NETLINK_SOCK_DIAG` (docs/KERNEL.md §2): one dump per family, any
/// set of states, optionally a port filter compiled to inet_diag bytecode and run in the kernel.
/// Sockets are parsed in place from the receive buffer and streamed to the caller.
public final class SockDiagClient {
    /// Every state bit, including `TCP_NEW_SYN_RECV` (12) for half-open requests.
    public static let allStates: UInt32 = 0x1FFE
    public static let listenOnly: UInt32 = TCPState.listen.diagMaskBit

    private let receiver: NetlinkDump
    /// A socket opened elsewhere (inside another network namespace, which it stays bound to),
    /// used for every dump and left open; `nil`: a socket of the own namespace per dump.
    private let boundSocket: Int32?

    public init(bufferSize: Int = 64 * 1024, socket: Int32? = nil) {
        receiver = NetlinkDump(.sockDiag, bufferSize: bufferSize)
        boundSocket = socket
    }

    /// Dumps one family, or both (`family` nil) in one pass over the kernel's socket hash.
    /// - Parameters:
    ///   - states: a mask of `1 << state` bits (see ``allStates``, ``listenOnly``).
    ///   - filter: sockets whose local or remote port is in it; the kernel does the filtering.
    ///   - info: ask for each socket's `tcp_info` (``SocketRecord/info``); makes every reply larger.
    ///   - body: called for every socket, in kernel order.
    public func dump(family: AddressFamily?, states: UInt32 = allStates, filter: PortSet? = nil, info: Bool = false,
                     _ body: (SocketRecord) -> Void) throws(NetlinkError) -> NetlinkDump.Result {
        let fd: Int32
        if let boundSocket { fd = boundSocket } else { fd = try SockDiagClient.openSocket() }
        defer { if boundSocket == nil { close(fd) } }
        let request = SockDiagClient.request(family: family, states: states, filter: filter, info: info)
        return try receiver.run(on: fd, request: request) {
            SockDiagReply.parse($0, body)
        }
    }

    /// A `NETLINK_SOCK_DIAG` socket in the calling thread's network namespace.
    public static func openSocket() throws(NetlinkError) -> Int32 {
        try NetlinkDump.openSocket(.sockDiag, NETLINK_SOCK_DIAG)
    }

    /// The request bytes: nlmsghdr + inet_diag_req_v2 (+ INET_DIAG_REQ_BYTECODE attribute); for
    /// both families, `TCPDIAG_GETSOCK` + inet_diag_req with AF_UNSPEC (the kernel answers it
    /// through the same dump, as `ss` asks when no family is given). With `info`, each socket's
    /// `tcp_info` is asked for in either form (extension n is asked for by bit n − 1).
    static func request(family: AddressFamily?, states: UInt32, filter: PortSet?, info: Bool = false) -> [UInt8] {
        let bytecode = filter.map(InetDiagBytecode.compile) ?? []
        let attributeLength = bytecode.isEmpty ? 0 : Int(cnl_attribute_header_length()) + bytecode.count
        let extensions = info ? UInt8(1 << (INET_DIAG_INFO - 1)) : 0
        var bytes: [UInt8]
        if let family {
            var message = cnl_diag_request()
            message.header.nlmsg_len = UInt32(MemoryLayout<cnl_diag_request>.size + Int(cnl_align(UInt32(attributeLength))))
            message.header.nlmsg_type = UInt16(SOCK_DIAG_BY_FAMILY)
            message.header.nlmsg_flags = UInt16(NLM_F_REQUEST | NLM_F_DUMP)
            message.request.sdiag_family = family.rawValue
            message.request.sdiag_protocol = UInt8(IPPROTO_TCP)
            message.request.idiag_states = states
            message.request.idiag_ext = extensions
            bytes = withUnsafeBytes(of: &message) { Array($0) }
        } else {
            var message = cnl_diag_compat_request()
            message.header.nlmsg_len = UInt32(MemoryLayout<cnl_diag_compat_request>.size + Int(cnl_align(UInt32(attributeLength))))
            message.header.nlmsg_type = UInt16(TCPDIAG_GETSOCK)
            message.header.nlmsg_flags = UInt16(NLM_F_REQUEST | NLM_F_DUMP)
            message.request.idiag_family = UInt8(AF_UNSPEC)
            message.request.idiag_states = states
            message.request.idiag_ext = extensions
            bytes = withUnsafeBytes(of: &message) { Array($0) }
        }
        if !bytecode.isEmpty {
            var attribute = nlattr(nla_len: UInt16(attributeLength), nla_type: UInt16(INET_DIAG_REQ_BYTECODE))
            bytes += withUnsafeBytes(of: &attribute) { Array($0) } + bytecode
            bytes += Array(repeating: 0, count: Int(cnl_align(UInt32(attributeLength))) - attributeLength)
        }
        return bytes
    }
}
