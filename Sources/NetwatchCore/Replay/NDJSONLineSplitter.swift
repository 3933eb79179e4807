/// Cuts a byte stream into NDJSON lines as it arrives: each complete line (ended by `\n`) with
/// its offset in the stream; bytes after the last newline wait for more. At the end of the
/// stream those bytes are a torn line (a writer stopped mid-line), never a record.
public struct NDJSONLineSplitter: Sendable {
    /// Where a complete line lies in the stream, newline excluded.
    public struct Line: Equatable, Sendable {
        public var offset: Int
        public var length: Int

        public init(offset: Int, length: Int) {
            self.offset = offset
            self.length = length
        }
    }

    /// Bytes of the stream consumed so far.
    public private(set) var streamLength = 0
    /// Offset where the unfinished line starts.
    private var lineStart = 0

    public init() {}

    /// Feeds the next bytes of the stream; returns the lines they complete, in order.
    public mutating func feed(_ bytes: some Collection<UInt8>) -> [Line] {
        var lines = [Line]()
        var offset = streamLength
        for byte in bytes {
            if byte == UInt8(ascii: "\n") {
                lines.append(Line(offset: lineStart, length: offset - lineStart))
                lineStart = offset + 1
            }
            offset += 1
        }
        streamLength = offset
        return lines
    }

    /// The unfinished line at the end of the stream: `nil` when the stream ended on a newline.
    public var tornLine: Line? {
        streamLength > lineStart ? Line(offset: lineStart, length: streamLength - lineStart) : nil
    }
}
