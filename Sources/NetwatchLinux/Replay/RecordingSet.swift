import Glibc
import NetwatchCore

/// Several recording files read as one stream, oldest first: the files `record --max-size`
/// rotates into (`replay incident.ndjson*`). Each file is a ``RecordingReader``; the files are put
/// in the order of their first snapshot's `taken_at` (whatever order the shell gave), read one
/// after the other, and only the newest is followed as it grows. Offsets of lines are offsets in
/// the joined stream. One path (or `-`) is just that recording.
public final class RecordingSet {
    /// The recordings in time order.
    private let parts: [RecordingReader]
    /// Where each part entered so far starts in the joined stream.
    private var starts = [0]
    /// The part being read, its bytes read so far and its last byte.
    private var current = 0
    private var readInCurrent = 0
    private var lastByte: UInt8?

    /// Opens `paths` (at least one; `-` only alone).
    public init(paths: [String]) throws(RecordingReader.OpenError) {
        try Self.check(paths: paths)
        var opened = [RecordingReader]()
        for path in paths { opened.append(try RecordingReader(path: path)) }
        // Files without a snapshot first (their key is empty), equal keys in the given order.
        let keys = opened.map { $0.firstTakenAt ?? "" }
        parts = opened.indices.sorted { keys[$0] != keys[$1] ? keys[$0] < keys[$1] : $0 < $1 }.map { opened[$0] }
    }

    /// What makes a list of paths a recording: at least one, `-` only alone, no file twice (by
    /// device and inode, so `a.ndjson ./a.ndjson` too).
    public static func check(paths: [String]) throws(RecordingReader.OpenError) {
        guard !paths.isEmpty else { throw RecordingReader.OpenError(message: "replay: give a recording file, or '-' for standard input") }
        if paths.count > 1 && paths.contains("-") {
            throw RecordingReader.OpenError(message: "replay: '-' (standard input) cannot be combined with files")
        }
        var seen = [FileIdentity: String]()
        for path in paths {
            var info = stat()
            guard stat(path, &info) == 0 else { continue }
            if let first = seen.updateValue(path, forKey: FileIdentity(info)) {
                throw RecordingReader.OpenError(message: "replay: '\(path)' is the same file as '\(first)'; give each file once")
            }
        }
    }

    /// The followed recording's name (the newest file, or `-`).
    public var name: String { parts[parts.count - 1].name }
    /// Whether the recording is a stream (`-`).
    public var isStream: Bool { parts[parts.count - 1].isStream }
    /// The stream reached its end.
    public var streamEnded: Bool { parts[parts.count - 1].streamEnded }
    /// What happened to the followed (newest) file, if anything.
    public var change: RecordingReader.FileChange? { parts[parts.count - 1].change }
    /// A descriptor to wait on for more data once the newest part is being read, else -1.
    public var pollDescriptor: Int32 { current == parts.count - 1 ? parts[current].pollDescriptor : -1 }
    /// The file names in the order they are read.
    public var names: [String] { parts.map(\.name) }

    /// Reads what is available now, at most `limit` bytes: the rest of the current file, then
    /// the next. A file that does not end in a newline is given one, so that its torn last line
    /// stays a line of its own instead of swallowing the next file's first.
    public func readAvailable(limit: Int) throws(RecordingReader.OpenError) -> [UInt8] {
        while true {
            let bytes = try parts[current].readAvailable(limit: limit)
            if !bytes.isEmpty {
                readInCurrent += bytes.count
                lastByte = bytes.last
                return bytes
            }
            guard current < parts.count - 1 else { return [] }
            let separator: [UInt8] = readInCurrent > 0 && lastByte != UInt8(ascii: "\n") ? [UInt8(ascii: "\n")] : []
            starts.append(starts[current] + readInCurrent + separator.count)
            current += 1
            readInCurrent = 0
            lastByte = nil
            if !separator.isEmpty { return separator }
        }
    }

    /// The bytes of one line of the joined stream, read back from its file; a UTF-8 byte-order
    /// mark at the start of a file is not part of its first line.
    public func bytes(of line: NDJSONLineSplitter.Line) -> [UInt8] {
        let (part, offset) = locate(line.offset)
        let bytes = parts[part].bytes(of: NDJSONLineSplitter.Line(offset: offset, length: line.length))
        return offset == 0 && bytes.starts(with: Self.byteOrderMark) ? Array(bytes.dropFirst(Self.byteOrderMark.count)) : bytes
    }

    /// The file (its index in ``names``) a line of the joined stream starting at `offset` comes from.
    public func file(of offset: Int) -> Int { locate(offset).part }

    /// The last part that starts at or before `offset` (parts are entered in order), and where
    /// `offset` is in it.
    private func locate(_ offset: Int) -> (part: Int, offset: Int) {
        var low = 0, high = starts.count - 1
        while low < high {
            let middle = (low + high + 1) / 2
            if starts[middle] <= offset { low = middle } else { high = middle - 1 }
        }
        return (low, offset - starts[low])
    }

    private static let byteOrderMark: [UInt8] = [0xEF, 0xBB, 0xBF]
}
