import Glibc

/// A TCP endpoint on the loopback network: an address in 127.0.0.0/8 or `::1`, and a port.
///
/// The load generator only ever listens on and connects to values of this type, so it cannot send a
/// packet off the host: anything else is refused while parsing.
public struct LoopbackEndpoint: Hashable, Sendable, CustomStringConvertible {
    /// The loopback address, by family.
    public enum Address: Hashable, Sendable {
        /// An IPv4 address in 127.0.0.0/8, as four octets in network order (`127, 0, 0, 2`).
        case ipv4(UInt8, UInt8, UInt8, UInt8)
        /// The IPv6 loopback address `::1`.
        case ipv6Loopback
    }

    public let address: Address
    /// TCP port, 1-65535.
    public let port: UInt16

    /// The address alone, as `127.0.0.2` or `::1` (the form `ss` prints, without brackets).
    public var addressText: String {
        switch address {
        case let .ipv4(a, b, c, d): return "\(a).\(b).\(c).\(d)"
        case .ipv6Loopback: return "::1"
        }
    }

    /// `127.0.0.1:7001` or `[::1]:7003`, the form accepted by ``parse(_:argument:)``.
    public var description: String {
        switch address {
        case .ipv4: return "\(addressText):\(port)"
        case .ipv6Loopback: return "[::1]:\(port)"
        }
    }

    /// The socket family to create for this endpoint (`AF_INET` or `AF_INET6`).
    public var family: Int32 {
        switch address {
        case .ipv4: return AF_INET
        case .ipv6Loopback: return AF_INET6
        }
    }

    /// Private: endpoints come from ``parse(_:argument:)``, which refuses anything off loopback.
    private init(address: Address, port: UInt16) {
        self.address = address
        self.port = port
    }

    /// Parses `ADDR:PORT` or `[ADDR6]:PORT`.
    /// - Parameter argument: the command-line option the text came from, named in the error.
    public static func parse(_ text: String, argument: String) throws(LoadPlanError) -> LoopbackEndpoint {
        let (host, portText) = try split(text, argument: argument)
        guard let port = UInt16(portText), port > 0 else {
            throw .malformedEndpoint(argument: argument, text: text, reason: "port '\(portText)' is not a number in 1-65535")
        }
        guard let address = try loopbackAddress(host, in: text, argument: argument) else {
            throw .notLoopback(argument: argument, text: text)
        }
        return LoopbackEndpoint(address: address, port: port)
    }

    /// Parses a comma-separated list of endpoints, refusing an empty list.
    public static func parseList(_ text: String, argument: String) throws(LoadPlanError) -> [LoopbackEndpoint] {
        var endpoints = [LoopbackEndpoint]()
        for item in text.split(separator: ",", omittingEmptySubsequences: false) {
            endpoints.append(try parse(String(item), argument: argument))
        }
        return endpoints
    }

    /// Calls `body` with this endpoint as a `sockaddr_in` or `sockaddr_in6` and its length.
    func withSocketAddress<R>(_ body: (UnsafePointer<sockaddr>, socklen_t) -> R) -> R {
        switch address {
        case let .ipv4(a, b, c, d):
            var raw = sockaddr_in()
            raw.sin_family = sa_family_t(AF_INET)
            raw.sin_port = port.bigEndian
            raw.sin_addr.s_addr = (UInt32(a) << 24 | UInt32(b) << 16 | UInt32(c) << 8 | UInt32(d)).bigEndian
            return withUnsafePointer(to: &raw) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { body($0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
            }
        case .ipv6Loopback:
            var raw = sockaddr_in6()
            raw.sin6_family = sa_family_t(AF_INET6)
            raw.sin6_port = port.bigEndian
            raw.sin6_addr = in6addr_loopback
            return withUnsafePointer(to: &raw) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { body($0, socklen_t(MemoryLayout<sockaddr_in6>.size)) }
            }
        }
    }

    /// Splits `host:port` or `[host]:port` into its two texts.
    private static func split(_ text: String, argument: String) throws(LoadPlanError) -> (Substring, Substring) {
        if text.hasPrefix("[") {
            guard let close = text.firstIndex(of: "]"), text[close...].hasPrefix("]:") else {
                throw .malformedEndpoint(argument: argument, text: text, reason: "expected [ADDR6]:PORT")
            }
            return (text[text.index(after: text.startIndex)..<close], text[text.index(close, offsetBy: 2)...])
        }
        guard let colon = text.lastIndex(of: ":") else {
            throw .malformedEndpoint(argument: argument, text: text, reason: "expected ADDR:PORT or [ADDR6]:PORT")
        }
        let host = text[..<colon]
        if host.contains(":") {
            throw .malformedEndpoint(argument: argument, text: text, reason: "an IPv6 address needs brackets, as [::1]:7003")
        }
        return (host, text[text.index(after: colon)...])
    }

    /// The address if `host` is a numeric loopback address, nil if it is a valid address elsewhere.
    private static func loopbackAddress(_ host: Substring, in text: String, argument: String) throws(LoadPlanError) -> Address? {
        var v4 = in_addr()
        if inet_pton(AF_INET, String(host), &v4) == 1 {
            let octets = withUnsafeBytes(of: v4.s_addr) { Array($0) }
            return octets[0] == 127 ? .ipv4(octets[0], octets[1], octets[2], octets[3]) : nil
        }
        var v6 = in6_addr()
        if inet_pton(AF_INET6, String(host), &v6) == 1 {
            let bytes = withUnsafeBytes(of: v6) { Array($0) }
            return bytes == Array(repeating: 0, count: 15) + [1] ? .ipv6Loopback : nil
        }
        throw .malformedEndpoint(argument: argument, text: text, reason: "'\(host)' is not a numeric IPv4 or IPv6 address")
    }
}
