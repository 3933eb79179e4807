import NetwatchCore

/// The replay's decoding, run on its ``BackgroundWorker`` (never on the run loop): indexing
/// lines for the timeline (skimmed, ``SnapshotSkim``: the bulky lists are not decoded) and
/// decoding one line fully to show it. Takes the lines' bytes, read by the run loop.
enum ReplayDecoding {
    /// A line read and not yet indexed: where it lies, and its file and line number in that file
    /// for messages.
    struct Pending: Sendable {
        var line: NDJSONLineSplitter.Line
        var file: Int
        var lineInFile: Int
    }

    enum Request: Sendable {
        case show(NDJSONLineSplitter.Line, [UInt8])
        case index([(Pending, [UInt8])])
    }

    /// What indexing made of one line: a frame, `nil` for a blank line, or why it is skipped.
    struct Indexed: Sendable {
        var pending: Pending
        var frame: Result<ReplayFrame?, SnapshotDecodeError>
    }

    enum Output: Sendable {
        case shown(NDJSONLineSplitter.Line, Result<Snapshot, SnapshotDecodeError>)
        case indexed([Indexed])
    }

    static func perform(_ request: Request) -> Output {
        switch request {
        case let .show(line, bytes):
            return .shown(line, Result { () throws(SnapshotDecodeError) in try SnapshotDecoder.decode(String(decoding: bytes, as: UTF8.self)) })
        case let .index(lines):
            return .indexed(lines.map { pending, bytes in Indexed(pending: pending, frame: index(pending.line, bytes)) })
        }
    }

    private static func index(_ line: NDJSONLineSplitter.Line, _ bytes: [UInt8]) -> Result<ReplayFrame?, SnapshotDecodeError> {
        let skimmed = SnapshotSkim.skimmed(bytes)
        if skimmed == nil, bytes.allSatisfy({ [0x20, 0x09, 0x0A, 0x0D].contains($0) }) { return .success(nil) }
        return Result { () throws(SnapshotDecodeError) in
            ReplayFrame(line: line, snapshot: try SnapshotDecoder.decode(String(decoding: skimmed ?? bytes, as: UTF8.self)))
        }
    }
}
