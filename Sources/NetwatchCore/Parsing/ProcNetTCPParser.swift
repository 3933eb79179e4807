/// Parses `/proc/net/tcp` and `/proc/net/tcp6` (docs/KERNEL.md §1) one line at a time, handing
/// each socket to a closure so the caller can aggregate while parsing.
///
/// Columns are found by splitting on runs of spaces, never by position. A line that does not
/// parse is skipped and counted; it never fails the file.
public enum ProcNetTCPParser {
    /// What one pass over a file found.
    public struct Outcome: Equatable, Sendable {
        public var parsed = 0
        public var skipped = 0
        /// The first skipped line, quoted for the warning.
        public var firstSkipped: String?
        public init() {}
    }

    /// - Parameters:
    ///   - text: the whole file.
    ///   - family: `.ipv4` for `tcp`, `.ipv6` for `tcp6`; lines of the other width are malformed.
    ///   - filter: when set, only sockets whose local or remote port is in it reach `body`.
    ///   - body: called once per parsed (and matching) socket.
    public static func parse(_ text: String, family: AddressFamily, filter: PortSet? = nil,
                             _ body: (SocketRecord) -> Void) -> Outcome {
        var text = text
        return text.withUTF8 { parse(bytes: $0, family: family, filter: filter, body) }
    }

    /// The same over raw bytes (the file as read, no copy into a String).
    public static func parse(bytes: UnsafeBufferPointer<UInt8>, family: AddressFamily, filter: PortSet? = nil,
                             _ body: (SocketRecord) -> Void) -> Outcome {
        var outcome = Outcome()
        var lineStart = 0
        var lineNumber = 0
        let count = bytes.count
        while lineStart < count {
            var lineEnd = lineStart
            while lineEnd < count && bytes[lineEnd] != 0x0A { lineEnd += 1 }
            lineNumber += 1
            consume(UnsafeBufferPointer(rebasing: bytes[lineStart..<lineEnd]), lineNumber: lineNumber,
                    family: family, filter: filter, into: &outcome, body)
            lineStart = lineEnd + 1
        }
        return outcome
    }

    /// Handles one line (without its newline): the header and blank lines are passed over, a
    /// socket is counted and handed on, anything else is skipped and counted.
    @inline(__always)
    static func consume(_ line: UnsafeBufferPointer<UInt8>, lineNumber: Int, family: AddressFamily, filter: PortSet?,
                        into outcome: inout Outcome, _ body: (SocketRecord) -> Void) {
        if isBlank(line) || (lineNumber == 1 && isHeader(line)) { return }
        if let record = parseLine(line, family: family) {
            outcome.parsed += 1
            if let filter, !filter.matches(localPort: record.localPort, remotePort: record.remotePort) { return }
            body(record)
        } else {
            skip(line, into: &outcome)
        }
    }

    /// Counts a malformed line, quoting it when it is the first.
    static func skip(_ line: UnsafeBufferPointer<UInt8>, into outcome: inout Outcome) {
        outcome.skipped += 1
        if outcome.firstSkipped == nil { outcome.firstSkipped = QuotedInput.prefix(bytes: line) }
    }

    static func isBlank(_ line: UnsafeBufferPointer<UInt8>) -> Bool {
        line.allSatisfy { $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }
    }

    static func isHeader(_ line: UnsafeBufferPointer<UInt8>) -> Bool {
        var i = 0
        while i < line.count && line[i] == 0x20 { i += 1 }
        return i + 1 < line.count && line[i] == UInt8(ascii: "s") && line[i + 1] == UInt8(ascii: "l")
    }

    /// Parses one socket row; `nil` when any needed field is missing or malformed.
    static func parseLine(_ line: UnsafeBufferPointer<UInt8>, family: AddressFamily) -> SocketRecord? {
        var fields = FieldScanner(line)
        // sl "N:"
        guard let sl = fields.next(), sl.count >= 2, sl[sl.count - 1] == UInt8(ascii: ":") else { return nil }
        guard let local = fields.next(), let remote = fields.next(),
              let (localAddress, localPort) = endpoint(local, family: family),
              let (remoteAddress, remotePort) = endpoint(remote, family: family) else { return nil }
        guard let st = fields.next(), st.count == 2, let code = hex(st), let state = TCPState(kernelCode: UInt8(code)) else {
            return nil
        }
        guard let queues = fields.next(), let (tx, rx) = pair(queues, 8),
              let timerField = fields.next(), let (timer, when) = pair(timerField, 2) else { return nil }
        guard let retrnsmt = fields.next(), hex(retrnsmt) != nil,
              let uidField = fields.next(), let uid = decimal(uidField),
              let timeout = fields.next(), decimal(timeout) != nil,
              let inodeField = fields.next(), let inode = decimal(inodeField) else { return nil }
        // tm->when is in 1/100 s ticks (USER_HZ); sock_diag reports milliseconds.
        let expiresMs = UInt32(truncatingIfNeeded: min(UInt64(when) * 10, UInt64(UInt32.max)))
        return SocketRecord(family: family, state: state, localAddress: localAddress, localPort: localPort,
                            remoteAddress: remoteAddress, remotePort: remotePort, timer: UInt8(truncatingIfNeeded: timer),
                            expiresMs: expiresMs, rxQueue: UInt32(truncatingIfNeeded: rx),
                            txQueue: UInt32(truncatingIfNeeded: tx), uid: UInt32(truncatingIfNeeded: uid),
                            inode: UInt32(truncatingIfNeeded: inode))
    }

    /// `0100007F:1B58` → (127.0.0.1, 7000).
    private static func endpoint(_ field: UnsafeBufferPointer<UInt8>, family: AddressFamily) -> (IPAddress, UInt16)? {
        let addressLength = family == .ipv4 ? 8 : 32
        guard field.count == addressLength + 5, field[addressLength] == UInt8(ascii: ":"),
              let port = hex(UnsafeBufferPointer(rebasing: field[(addressLength + 1)...])) else { return nil }
        var words: [UInt32] = [0, 0, 0, 0]
        for i in 0..<(addressLength / 8) {
            guard let w = hex(UnsafeBufferPointer(rebasing: field[(i * 8)..<(i * 8 + 8)])) else { return nil }
            words[i] = UInt32(w)
        }
        return (IPAddress(family: family, words: words[0], words[1], words[2], words[3]), UInt16(port))
    }

    /// `AAAA:BBBBBBBB` where the first part has `firstLength` hex digits.
    private static func pair(_ field: UnsafeBufferPointer<UInt8>, _ firstLength: Int) -> (UInt64, UInt64)? {
        guard field.count == firstLength + 9, field[firstLength] == UInt8(ascii: ":"),
              let a = hex(UnsafeBufferPointer(rebasing: field[..<firstLength])),
              let b = hex(UnsafeBufferPointer(rebasing: field[(firstLength + 1)...])) else { return nil }
        return (a, b)
    }

    private static func hex(_ digits: UnsafeBufferPointer<UInt8>) -> UInt64? {
        guard !digits.isEmpty, digits.count <= 16 else { return nil }
        var value: UInt64 = 0
        for c in digits {
            let d: UInt8
            switch c {
            case 0x30...0x39: d = c - 0x30
            case 0x41...0x46: d = c - 0x41 + 10
            case 0x61...0x66: d = c - 0x61 + 10
            default: return nil
            }
            value = value << 4 | UInt64(d)
        }
        return value
    }

    private static func decimal(_ digits: UnsafeBufferPointer<UInt8>) -> UInt64? {
        guard !digits.isEmpty, digits.count <= 19 else { return nil }
        var value: UInt64 = 0
        for c in digits {
            guard c >= 0x30 && c <= 0x39 else { return nil }
            value = value * 10 + UInt64(c - 0x30)
        }
        return value
    }
}

/// Splits a line on runs of spaces and tabs without allocating.
struct FieldScanner {
    let line: UnsafeBufferPointer<UInt8>
    var position = 0

    init(_ line: UnsafeBufferPointer<UInt8>) { self.line = line }

    mutating func next() -> UnsafeBufferPointer<UInt8>? {
        while position < line.count && (line[position] == 0x20 || line[position] == 0x09 || line[position] == 0x0D) {
            position += 1
        }
        guard position < line.count else { return nil }
        let start = position
        while position < line.count && line[position] != 0x20 && line[position] != 0x09 && line[position] != 0x0D {
            position += 1
        }
        return UnsafeBufferPointer(rebasing: line[start..<position])
    }
}
