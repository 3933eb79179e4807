/// An IPv4 or IPv6 address as the kernel stores it: the raw network-order bytes, held as four
/// 32-bit words loaded in host order.
///
/// Both sources yield the same words: sock_diag's `idiag_src[4]` read as host-order `UInt32`s,
/// and `/proc/net/tcp{,6}`, which prints exactly those words in hex (`0100007F` is 127.0.0.1 on
/// a little-endian host). IPv4 uses only `w0`.
public struct IPAddress: Hashable, Sendable, CustomStringConvertible {
    public var family: AddressFamily
    public var w0: UInt32, w1: UInt32, w2: UInt32, w3: UInt32

    @inlinable
    public init(family: AddressFamily, words w0: UInt32, _ w1: UInt32 = 0, _ w2: UInt32 = 0, _ w3: UInt32 = 0) {
        self.family = family
        self.w0 = w0
        if family == .ipv4 {
            self.w1 = 0; self.w2 = 0; self.w3 = 0
        } else {
            self.w1 = w1; self.w2 = w2; self.w3 = w3
        }
    }

    /// Two packed 64-bit words instead of five separate fields: this hash runs for every
    /// socket of a walk.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(UInt64(w0) << 32 | UInt64(w1))
        hasher.combine(UInt64(w2) << 32 | UInt64(w3) | UInt64(family.rawValue) << 56)
    }

    /// The address bytes in network order.
    public var bytes: [UInt8] {
        let words = family == .ipv4 ? [w0] : [w0, w1, w2, w3]
        return words.flatMap { word -> [UInt8] in
            withUnsafeBytes(of: word) { Array($0) }
        }
    }

    /// Builds an address from network-order bytes (4 or 16 of them).
    public init?(bytes: [UInt8]) {
        func word(_ i: Int) -> UInt32 {
            var w: UInt32 = 0
            withUnsafeMutableBytes(of: &w) { raw in
                for k in 0..<4 { raw[k] = bytes[i * 4 + k] }
            }
            return w
        }
        switch bytes.count {
        case 4: self.init(family: .ipv4, words: word(0))
        case 16: self.init(family: .ipv6, words: word(0), word(1), word(2), word(3))
        default: return nil
        }
    }

    /// Parses dotted IPv4 or textual IPv6 (`127.0.0.1`, `::1`, `::ffff:127.0.0.1`).
    public init?(_ text: String) {
        if let v4 = IPAddress.parseIPv4(Substring(text)) {
            self.init(bytes: v4)
        } else if let v6 = IPAddress.parseIPv6(text) {
            self.init(bytes: v6)
        } else {
            return nil
        }
    }

    /// `0.0.0.0` or `::`: a listener bound to every address.
    public var isUnspecified: Bool { w0 == 0 && w1 == 0 && w2 == 0 && w3 == 0 }

    public var isLoopback: Bool {
        let b = bytes
        switch family {
        case .ipv4: return b[0] == 127
        case .ipv6:
            if b[0..<15].allSatisfy({ $0 == 0 }) && b[15] == 1 { return true }
            // IPv4-mapped loopback (::ffff:127.x.y.z).
            return b[0..<10].allSatisfy({ $0 == 0 }) && b[10] == 0xff && b[11] == 0xff && b[12] == 127
        }
    }

    /// Text as `ss` prints it: dotted quad, or RFC 5952 IPv6 with IPv4-mapped tails dotted.
    public var description: String {
        let b = bytes
        if family == .ipv4 { return b.map(String.init).joined(separator: ".") }
        var groups = [UInt16]()
        for i in stride(from: 0, to: 16, by: 2) { groups.append(UInt16(b[i]) << 8 | UInt16(b[i + 1])) }
        let mapped = groups[0..<5].allSatisfy { $0 == 0 } && groups[5] == 0xffff
        if mapped { return "::ffff:" + b[12..<16].map(String.init).joined(separator: ".") }
        // Longest run of two or more zero groups becomes "::" (first one on ties).
        var bestStart = -1, bestLen = 0, i = 0
        while i < 8 {
            if groups[i] == 0 {
                var j = i
                while j < 8 && groups[j] == 0 { j += 1 }
                if j - i > bestLen && j - i >= 2 { bestStart = i; bestLen = j - i }
                i = j
            } else { i += 1 }
        }
        func hex(_ range: Range<Int>) -> String {
            groups[range].map { String($0, radix: 16) }.joined(separator: ":")
        }
        if bestStart < 0 { return hex(0..<8) }
        return hex(0..<bestStart) + "::" + hex((bestStart + bestLen)..<8)
    }

    private static func parseIPv4(_ text: Substring) -> [UInt8]? {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 4 else { return nil }
        var out = [UInt8]()
        for part in parts {
            guard !part.isEmpty, part.count <= 3, part.allSatisfy(\.isASCII), let v = UInt8(part) else { return nil }
            out.append(v)
        }
        return out
    }

    private static func parseIPv6(_ text: String) -> [UInt8]? {
        guard text.contains(":") else { return nil }
        let halves = text.split(separator: "::", omittingEmptySubsequences: false)
        guard halves.count <= 2 else { return nil }
        func groups(_ s: Substring) -> [UInt8]? {
            if s.isEmpty { return [] }
            var out = [UInt8]()
            let parts = s.split(separator: ":", omittingEmptySubsequences: false)
            for (index, part) in parts.enumerated() {
                if index == parts.count - 1, part.contains("."), let v4 = parseIPv4(part) {
                    out += v4
                    continue
                }
                guard (1...4).contains(part.count), let v = UInt16(part, radix: 16) else { return nil }
                out += [UInt8(v >> 8), UInt8(v & 0xff)]
            }
            return out
        }
        guard let head = groups(halves[0]) else { return nil }
        if halves.count == 1 { return head.count == 16 ? head : nil }
        guard let tail = groups(halves[1]), head.count + tail.count <= 14 else { return nil }
        return head + Array(repeating: 0, count: 16 - head.count - tail.count) + tail
    }
}
