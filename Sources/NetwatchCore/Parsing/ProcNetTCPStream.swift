/// Parses `/proc/net/tcp` or `/proc/net/tcp6` from chunks of any size as a reader hands them
/// over, so that a table of a million sockets (150 MB of text) is never held whole.
///
/// Lines inside a chunk are parsed where they lie; only a line cut by a chunk's end is copied,
/// into a buffer of at most ``lineLimit`` bytes. Pure: the reader (`ProcRoot.stream` in
/// NetwatchLinux) does the I/O. The outcome and the sockets handed on equal those of
/// ``ProcNetTCPParser/parse(bytes:family:filter:_:)`` over the whole text, except that a line
/// longer than ``lineLimit`` is malformed: skipped, counted and quoted (a kernel writes 150-byte
/// lines to `tcp` and 178-byte lines to `tcp6`).
public struct ProcNetTCPStream {
    /// The longest line parsed: several times a kernel's longest, small enough to be nothing.
    public static let lineLimit = 1024

    public let family: AddressFamily
    public let filter: PortSet?
    public let lineLimit: Int
    /// What the lines ended so far held.
    public private(set) var outcome = ProcNetTCPParser.Outcome()
    /// The start of the line the last chunk cut off, never more than ``lineLimit`` bytes.
    private var partial: [UInt8] = []
    /// The line being read is longer than ``lineLimit``: ``partial`` holds its first bytes and the
    /// rest is passed over up to its newline.
    private var overlong = false
    /// Whether the overlong line is all blanks so far (then, as in a whole-file parse, it is no line).
    private var overlongBlank = true
    private var lineNumber = 0

    /// - Parameters:
    ///   - family: `.ipv4` for `tcp`, `.ipv6` for `tcp6`.
    ///   - filter: when set, only sockets whose local or remote port is in it are handed on.
    ///   - lineLimit: the longest line kept whole (smaller in tests).
    public init(family: AddressFamily, filter: PortSet? = nil, lineLimit: Int = ProcNetTCPStream.lineLimit) {
        self.family = family
        self.filter = filter
        self.lineLimit = lineLimit
        partial.reserveCapacity(lineLimit)
    }

    /// Bytes held between chunks: the start of an unfinished line, at most ``lineLimit``.
    public var bufferedBytes: Int { partial.count }

    /// Parses the lines `chunk` ends, handing each socket to `body`, and keeps the unfinished rest.
    public mutating func feed(_ chunk: UnsafeBufferPointer<UInt8>, _ body: (SocketRecord) -> Void) {
        var start = 0
        let count = chunk.count
        while start < count {
            var end = start
            while end < count && chunk[end] != 0x0A { end += 1 }
            let piece = UnsafeBufferPointer(rebasing: chunk[start..<end])
            if end == count {
                hold(piece)
                return
            }
            endLine(piece, body)
            start = end + 1
        }
    }

    /// Parses a last line that has no newline, and returns what the whole file held.
    public mutating func finish(_ body: (SocketRecord) -> Void) -> ProcNetTCPParser.Outcome {
        if !partial.isEmpty || overlong { endLine(UnsafeBufferPointer(start: nil, count: 0), body) }
        return outcome
    }

    /// Keeps the start of an unfinished line, up to ``lineLimit`` bytes.
    private mutating func hold(_ piece: UnsafeBufferPointer<UInt8>) {
        if overlong {
            overlongBlank = overlongBlank && ProcNetTCPParser.isBlank(piece)
        } else if partial.count + piece.count > lineLimit {
            overlongBlank = partial.withUnsafeBufferPointer(ProcNetTCPParser.isBlank) && ProcNetTCPParser.isBlank(piece)
            partial.append(contentsOf: piece.prefix(lineLimit - partial.count))
            overlong = true
        } else {
            partial.append(contentsOf: piece)
        }
    }

    /// Ends the current line with `piece`, its last bytes before the newline.
    private mutating func endLine(_ piece: UnsafeBufferPointer<UInt8>, _ body: (SocketRecord) -> Void) {
        lineNumber += 1
        var outcome = self.outcome
        defer { self.outcome = outcome }
        if partial.isEmpty && !overlong && piece.count <= lineLimit {
            ProcNetTCPParser.consume(piece, lineNumber: lineNumber, family: family, filter: filter, into: &outcome, body)
            return
        }
        hold(piece)
        let (lineNumber, family, filter, overlong, overlongBlank) = (lineNumber, family, filter, overlong, overlongBlank)
        partial.withUnsafeBufferPointer { line in
            if !overlong {
                ProcNetTCPParser.consume(line, lineNumber: lineNumber, family: family, filter: filter, into: &outcome, body)
            } else if !overlongBlank && !(lineNumber == 1 && ProcNetTCPParser.isHeader(line)) {
                ProcNetTCPParser.skip(line, into: &outcome)
            }
        }
        partial.removeAll(keepingCapacity: true)
        self.overlong = false
        self.overlongBlank = true
    }
}
