import CNetlink
import Glibc
import NetwatchCore

/// The socket side shared by the netlink dumps: open a socket of a protocol, send the request to
/// the kernel, then receive into one reusable buffer until the reply's parser (framed by
/// ``NetlinkReply``) sees the end of the dump.
public final class NetlinkDump {
    public let family: NetlinkError.Family
    private let buffer: UnsafeMutableRawBufferPointer

    /// The kernel builds one dump skb per receive, sized to the largest receive buffer seen but at
    /// most 32 KiB (`max_recvmsg_len` is capped; 6.x): 64 KiB takes any of them whole, and more
    /// would not mean fewer receives (docs/PERFORMANCE.md, the conntrack dump's second pass).
    public init(_ family: NetlinkError.Family, bufferSize: Int = 64 * 1024) {
        self.family = family
        buffer = .allocate(byteCount: bufferSize, alignment: 8)
    }

    deinit { buffer.deallocate() }

    public struct Result: Equatable, Sendable {
        /// Records the parser handed on, over every receive.
        public var records = 0
        /// The kernel set `NLM_F_DUMP_INTR` on some message: the table changed during the dump.
        public var interrupted = false
    }

    /// A `SOCK_DGRAM` netlink socket of `netlinkProtocol` in the calling thread's network namespace.
    public static func openSocket(_ family: NetlinkError.Family, _ netlinkProtocol: Int32) throws(NetlinkError) -> Int32 {
        let fd = socket(AF_NETLINK, Int32(SOCK_DGRAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), netlinkProtocol)
        guard fd >= 0 else { throw NetlinkError(family, "socket", errno: errno) }
        return fd
    }

    /// Sends `request` on `fd`, then parses receives with `parse` until it reports the end.
    public func run(on fd: Int32, request: [UInt8],
                    parse: (UnsafeRawBufferPointer) -> NetlinkReply.Outcome) throws(NetlinkError) -> Result {
        var kernel = sockaddr_nl()
        kernel.nl_family = sa_family_t(AF_NETLINK)
        let sent = request.withUnsafeBytes { raw in
            withUnsafePointer(to: &kernel) { address in
                address.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                    sendto(fd, raw.baseAddress, raw.count, 0, $0, socklen_t(MemoryLayout<sockaddr_nl>.size))
                }
            }
        }
        guard sent == request.count else { throw NetlinkError(family, "request", errno: sent < 0 ? errno : EMSGSIZE) }
        var result = Result()
        while true {
            let n = recv(fd, buffer.baseAddress, buffer.count, 0)
            if n < 0 {
                if errno == EINTR { continue }
                throw NetlinkError(family, "receive", errno: errno)
            }
            if n == 0 { throw NetlinkError(family, "receive", errno: EPROTO, detail: "the kernel closed the dump early") }
            let outcome = parse(UnsafeRawBufferPointer(rebasing: UnsafeRawBufferPointer(buffer)[0..<n]))
            result.records += outcome.records
            result.interrupted = result.interrupted || outcome.interrupted
            switch outcome.step {
            case .more: continue
            case .done: return result
            case let .failed(code): throw NetlinkError(family, "dump", errno: code)
            case let .malformed(why): throw NetlinkError(family, "dump", errno: EPROTO, detail: why)
            }
        }
    }
}
