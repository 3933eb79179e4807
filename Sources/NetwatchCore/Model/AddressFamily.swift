/// The two families netwatch reads: `AF_INET` (2) and `AF_INET6` (10).
public enum AddressFamily: UInt8, Sendable, CaseIterable, Hashable {
    case ipv4 = 2
    case ipv6 = 10

    public var name: String { self == .ipv4 ? "ipv4" : "ipv6" }
}
