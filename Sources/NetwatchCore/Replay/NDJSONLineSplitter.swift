import Glibc

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
    /// Newlines are found with `memchr`: a megabyte a call, on the run loop.
    public mutating func feed(_ bytes: some Collection<UInt8>) -> [Line] {
        guard let lines = bytes.withContiguousStorageIfAvailable({ find(in: UnsafeRawBufferPointer($0)) }) else {
            return feed(Array(bytes))
        }
        streamLength += bytes.count
        return lines
    }

    /// The lines the next bytes of the stream complete.
    private mutating func find(in buffer: UnsafeRawBufferPointer) -> [Line] {
        var lines = [Line]()
        if let base = buffer.baseAddress {
            var index = 0
            while index < buffer.count, let found = memchr(base + index, Int32(UInt8(ascii: "\n")), buffer.count - index) {
                let position = base.distance(to: UnsafeRawPointer(found))
                lines.append(Line(offset: lineStart, length: streamLength + position - lineStart))
                lineStart = streamLength + position + 1
                index = position + 1
            }
        }
        return lines
    }

    /// The unfinished line at the end of the stream: `nil` when the stream ended on a newline.
    public var tornLine: Line? {
        streamLength > lineStart ? Line(offset: lineStart, length: streamLength - lineStart) : nil
    }
}
