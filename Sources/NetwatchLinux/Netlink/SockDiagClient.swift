import CNetlink
import Glibc
import NetwatchCore

/// A sock_diag request or receive that failed; says which and why.
public struct SockDiagError: Error, Equatable, Sendable, CustomStringConvertible {
    public let operation: String
    public let errno: Int32
    public let detail: String?

    public init(_ operation: String, errno: Int32, detail: String? = nil) {
        self.operation = operation
        self.errno = errno
        self.detail = detail
    }

    public var description: String {
        "netlink sock_diag \(operation) failed: " + (detail ?? String(cString: strerror(errno)))
    }
}

/// Dumps TCP sockets through `NETLINK_SOCK_DIAG` (docs/KERNEL.md §2): one dump per family, any
/// set of states, optionally a port filter compiled to inet_diag bytecode and run in the kernel.
/// Sockets are parsed in place from the receive buffer and streamed to the caller.
public final class SockDiagClient {
    /// Every state bit, including `TCP_NEW_SYN_RECV` (12) for half-open requests.
    public static let allStates: UInt32 = 0x1FFE
    public static let listenOnly: UInt32 = TCPState.listen.diagMaskBit

    private let buffer: UnsafeMutableRawBufferPointer
    /// A socket opened elsewhere (inside another network namespace, which it stays bound to),
    /// used for every dump and left open; `nil`: a socket of the own namespace per dump.
    private let boundSocket: Int32?

    public init(bufferSize: Int = 64 * 1024, socket: Int32? = nil) {
        buffer = .allocate(byteCount: bufferSize, alignment: 8)
        boundSocket = socket
    }

    deinit { buffer.deallocate() }

    public struct DumpResult: Equatable, Sendable {
        public var sockets = 0
        public var interrupted = false
    }

    /// Dumps one family, or both (`family` nil) in one pass over the kernel's socket hash.
    /// - Parameters:
    ///   - states: a mask of `1 << state` bits (see ``allStates``, ``listenOnly``).
    ///   - filter: sockets whose local or remote port is in it; the kernel does the filtering.
    ///   - body: called for every socket, in kernel order.
    public func dump(family: AddressFamily?, states: UInt32 = allStates, filter: PortSet? = nil,
                     _ body: (SocketRecord) -> Void) throws(SockDiagError) -> DumpResult {
        let fd: Int32
        if let boundSocket { fd = boundSocket } else { fd = try SockDiagClient.openSocket() }
        defer { if boundSocket == nil { close(fd) } }
        try send(SockDiagClient.request(family: family, states: states, filter: filter), on: fd)
        var result = DumpResult()
        while true {
            let n = recv(fd, buffer.baseAddress, buffer.count, 0)
            if n < 0 {
                if errno == EINTR { continue }
                throw SockDiagError("receive", errno: errno)
            }
            if n == 0 { throw SockDiagError("receive", errno: EPROTO, detail: "the kernel closed the dump early") }
            let reply = UnsafeRawBufferPointer(rebasing: UnsafeRawBufferPointer(buffer)[0..<n])
            let outcome = SockDiagReply.parse(reply, body)
            result.sockets += outcome.sockets
            result.interrupted = result.interrupted || outcome.interrupted
            switch outcome.step {
            case .more: continue
            case .done: return result
            case let .failed(code): throw SockDiagError("dump", errno: code)
            case let .malformed(why): throw SockDiagError("dump", errno: EPROTO, detail: why)
            }
        }
    }

    /// A `NETLINK_SOCK_DIAG` socket in the calling thread's network namespace.
    public static func openSocket() throws(SockDiagError) -> Int32 {
        let fd = socket(AF_NETLINK, Int32(SOCK_DGRAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), NETLINK_SOCK_DIAG)
        guard fd >= 0 else { throw SockDiagError("socket", errno: errno) }
        return fd
    }

    /// The request bytes: nlmsghdr + inet_diag_req_v2 (+ INET_DIAG_REQ_BYTECODE attribute); for
    /// both families, `TCPDIAG_GETSOCK` + inet_diag_req with AF_UNSPEC (the kernel answers it
    /// through the same dump, as `ss` asks when no family is given).
    static func request(family: AddressFamily?, states: UInt32, filter: PortSet?) -> [UInt8] {
        let bytecode = filter.map(InetDiagBytecode.compile) ?? []
        let attributeLength = bytecode.isEmpty ? 0 : Int(cnl_attribute_header_length()) + bytecode.count
        var bytes: [UInt8]
        if let family {
            var message = cnl_diag_request()
            message.header.nlmsg_len = UInt32(MemoryLayout<cnl_diag_request>.size + Int(cnl_align(UInt32(attributeLength))))
            message.header.nlmsg_type = UInt16(SOCK_DIAG_BY_FAMILY)
            message.header.nlmsg_flags = UInt16(NLM_F_REQUEST | NLM_F_DUMP)
            message.request.sdiag_family = family.rawValue
            message.request.sdiag_protocol = UInt8(IPPROTO_TCP)
            message.request.idiag_states = states
            bytes = withUnsafeBytes(of: &message) { Array($0) }
        } else {
            var message = cnl_diag_compat_request()
            message.header.nlmsg_len = UInt32(MemoryLayout<cnl_diag_compat_request>.size + Int(cnl_align(UInt32(attributeLength))))
            message.header.nlmsg_type = UInt16(TCPDIAG_GETSOCK)
            message.header.nlmsg_flags = UInt16(NLM_F_REQUEST | NLM_F_DUMP)
            message.request.idiag_family = UInt8(AF_UNSPEC)
            message.request.idiag_states = states
            bytes = withUnsafeBytes(of: &message) { Array($0) }
        }
        if !bytecode.isEmpty {
            var attribute = nlattr(nla_len: UInt16(attributeLength), nla_type: UInt16(INET_DIAG_REQ_BYTECODE))
            bytes += withUnsafeBytes(of: &attribute) { Array($0) } + bytecode
            bytes += Array(repeating: 0, count: Int(cnl_align(UInt32(attributeLength))) - attributeLength)
        }
        return bytes
    }

    private func send(_ bytes: [UInt8], on fd: Int32) throws(SockDiagError) {
        var kernel = sockaddr_nl()
        kernel.nl_family = sa_family_t(AF_NETLINK)
        let sent = bytes.withUnsafeBytes { raw in
            withUnsafePointer(to: &kernel) { address in
                address.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                    sendto(fd, raw.baseAddress, raw.count, 0, $0, socklen_t(MemoryLayout<sockaddr_nl>.size))
                }
            }
        }
        guard sent == bytes.count else { throw SockDiagError("request", errno: sent < 0 ? errno : EMSGSIZE) }
    }
}
