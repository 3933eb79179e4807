/// A set of TCP ports given as `80`, `80,443` or `8000-8100` (and mixtures of them).
public struct PortSet: Equatable, Sendable, CustomStringConvertible {
    /// Sorted, non-overlapping inclusive ranges.
    public private(set) var ranges: [ClosedRange<UInt16>]

    /// Why a port specification was refused; the message names the offending part.
    public struct ParseError: Error, Equatable, CustomStringConvertible {
        public let input: String
        public let reason: String
        public var description: String {
            "invalid port list '\(QuotedInput.prefix(input))': \(reason) (expected ports 1-65535 as 80, 80,443 or 8000-8100)"
        }
    }

    public init(ranges: [ClosedRange<UInt16>]) {
        self.ranges = PortSet.normalised(ranges)
    }

    /// Parses `80`, `80,443`, `8000-8100`; spaces around items are allowed.
    public static func parse(_ text: String) throws(ParseError) -> PortSet {
        let items = text.split(separator: ",", omittingEmptySubsequences: false)
        var ranges = [ClosedRange<UInt16>]()
        for raw in items {
            let item = raw.trimmingCharacters(in: " \t")
            if item.isEmpty { throw ParseError(input: text, reason: "empty item") }
            let bounds = item.split(separator: "-", omittingEmptySubsequences: false)
            guard bounds.count <= 2, !bounds.contains(where: \.isEmpty) else {
                throw ParseError(input: text, reason: "'\(QuotedInput.prefix(item))' is not a port or a range")
            }
            let lo = try port(String(bounds[0]), in: text)
            let hi = bounds.count == 2 ? try port(String(bounds[1]), in: text) : lo
            guard lo <= hi else { throw ParseError(input: text, reason: "range '\(QuotedInput.prefix(item))' runs backwards") }
            ranges.append(lo...hi)
        }
        return PortSet(ranges: ranges)
    }

    private static func port(_ text: String, in input: String) throws(ParseError) -> UInt16 {
        guard !text.isEmpty, text.allSatisfy({ $0.isASCII && $0.isNumber }), text.count <= 5, let value = Int(text) else {
            throw ParseError(input: input, reason: "'\(QuotedInput.prefix(text))' is not a number")
        }
        guard (1...65535).contains(value) else {
            throw ParseError(input: input, reason: "port \(value) is outside 1-65535")
        }
        return UInt16(value)
    }

    @inlinable
    public func contains(_ port: UInt16) -> Bool {
        for range in ranges where range.contains(port) { return true }
        return false
    }

    /// True when the socket's local or remote port is in the set.
    @inlinable
    public func matches(localPort: UInt16, remotePort: UInt16) -> Bool {
        contains(localPort) || contains(remotePort)
    }

    /// Every port in the set, ascending (for JSON: `{"ports": [80, 443]}`).
    public var ports: [Int] { ranges.flatMap { $0.map(Int.init) } }

    /// Canonical text: `80,443,8000-8100`.
    public var description: String {
        ranges.map { $0.lowerBound == $0.upperBound ? "\($0.lowerBound)" : "\($0.lowerBound)-\($0.upperBound)" }
            .joined(separator: ",")
    }

    private static func normalised(_ ranges: [ClosedRange<UInt16>]) -> [ClosedRange<UInt16>] {
        var merged = [ClosedRange<UInt16>]()
        for range in ranges.sorted(by: { $0.lowerBound < $1.lowerBound }) {
            if let last = merged.last, Int(range.lowerBound) <= Int(last.upperBound) + 1 {
                merged[merged.count - 1] = last.lowerBound...max(last.upperBound, range.upperBound)
            } else {
                merged.append(range)
            }
        }
        return merged
    }
}
