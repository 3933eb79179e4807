/// A recorded snapshot line with its bulky lists (peers, listeners, local ports, sockets,
/// CLOSE_WAIT owners) emptied, for indexing a recording: what the replay timeline keeps of a
/// frame (its time, interval and trend values, ``ReplayFrame``) is all outside those lists, and
/// decoding the rest costs the same for a line of 100 peers or of 1,000,000. One pass over the
/// bytes that only tracks strings and brackets; the lists are checked when the frame is shown.
public enum SnapshotSkim {
    /// The top-level members whose values are replaced by `[]`.
    static let bulkyMembers: Set<[UInt8]> = Set(["peers", "listeners", "local_ports", "sockets", "close_wait_owners"].map { Array($0.utf8) })

    /// `line` with the bulky lists emptied; `nil` when it is not one JSON object whose members
    /// can be told apart (the full decoder then says what is wrong).
    public static func skimmed(_ line: [UInt8]) -> [UInt8]? {
        line.withUnsafeBufferPointer { bytes -> [UInt8]? in
            var out: [UInt8] = []
            out.reserveCapacity(min(bytes.count, 1 << 16))
            var index = skipSpace(bytes, 0)
            guard index < bytes.count, bytes[index] == UInt8(ascii: "{") else { return nil }
            out.append(UInt8(ascii: "{"))
            index = skipSpace(bytes, index + 1)
            if index < bytes.count, bytes[index] == UInt8(ascii: "}") { return skipSpace(bytes, index + 1) == bytes.count ? out + [UInt8(ascii: "}")] : nil }
            while true {
                guard index < bytes.count, bytes[index] == UInt8(ascii: "\""), let keyEnd = stringEnd(bytes, index) else { return nil }
                let key = Array(bytes[(index + 1)..<(keyEnd - 1)])
                var colon = skipSpace(bytes, keyEnd)
                guard colon < bytes.count, bytes[colon] == UInt8(ascii: ":") else { return nil }
                colon += 1
                let valueStart = skipSpace(bytes, colon)
                guard let valueEnd = valueEnd(bytes, valueStart) else { return nil }
                out.append(contentsOf: bytes[index..<keyEnd])
                out.append(UInt8(ascii: ":"))
                if bulkyMembers.contains(key) && bytes[valueStart] == UInt8(ascii: "[") {
                    out.append(contentsOf: [UInt8(ascii: "["), UInt8(ascii: "]")])
                } else {
                    out.append(contentsOf: bytes[valueStart..<valueEnd])
                }
                index = skipSpace(bytes, valueEnd)
                guard index < bytes.count else { return nil }
                if bytes[index] == UInt8(ascii: "}") {
                    out.append(UInt8(ascii: "}"))
                    return skipSpace(bytes, index + 1) == bytes.count ? out : nil
                }
                guard bytes[index] == UInt8(ascii: ",") else { return nil }
                out.append(UInt8(ascii: ","))
                index = skipSpace(bytes, index + 1)
            }
        }
    }

    private static func skipSpace(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int) -> Int {
        var index = start
        while index < bytes.count, bytes[index] == 0x20 || bytes[index] == 0x09 || bytes[index] == 0x0A || bytes[index] == 0x0D { index += 1 }
        return index
    }

    /// The index just past the string starting at `start` (its opening quote).
    private static func stringEnd(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int) -> Int? {
        var index = start + 1
        while index < bytes.count {
            switch bytes[index] {
            case UInt8(ascii: "\""): return index + 1
            case UInt8(ascii: "\\"): index += 2
            default: index += 1
            }
        }
        return nil
    }

    /// The index just past the value starting at `start`: a string, an object or array (brackets
    /// counted, strings skipped), or a scalar (up to the next separator).
    private static func valueEnd(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int) -> Int? {
        guard start < bytes.count else { return nil }
        switch bytes[start] {
        case UInt8(ascii: "\""):
            return stringEnd(bytes, start)
        case UInt8(ascii: "{"), UInt8(ascii: "["):
            var depth = 0
            var index = start
            while index < bytes.count {
                switch bytes[index] {
                case UInt8(ascii: "\""):
                    guard let end = stringEnd(bytes, index) else { return nil }
                    index = end
                    continue
                case UInt8(ascii: "{"), UInt8(ascii: "["): depth += 1
                case UInt8(ascii: "}"), UInt8(ascii: "]"):
                    depth -= 1
                    if depth == 0 { return index + 1 }
                default: break
                }
                index += 1
            }
            return nil
        default:
            var index = start
            while index < bytes.count, !",}] \t\r\n".utf8.contains(bytes[index]) { index += 1 }
            return index > start ? index : nil
        }
    }
}
