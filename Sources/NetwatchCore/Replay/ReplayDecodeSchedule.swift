/// Which decode a replay runs next on its worker thread, one at a time, so that a line costing
/// seconds never holds keys or signals: the lines the view needs (the frame shown first, then the
/// one before it for per-second changes) before indexing the lines read since. A step while a
/// line decodes supersedes it: the decode in progress finishes (its frame is kept if there is
/// room), and the next one is for the newest position; the positions stepped over are never
/// decoded. Pure: the caller runs the jobs and keeps the decoded frames ``decoded`` names.
public struct ReplayDecodeSchedule<Line: Equatable & Sendable>: Sendable {
    public enum Job: Equatable, Sendable {
        /// Decode this line fully, to show it.
        case show(Line)
        /// Index the lines read and not yet indexed.
        case index
    }

    /// How many decoded lines are kept: the frame shown and the one before it.
    public static var kept: Int { 2 }

    /// The job on the worker, if any.
    public private(set) var running: Job?
    /// The lines the view needs, the frame shown first.
    public private(set) var wanted: [Line] = []
    /// The lines decoded and kept, most recently useful last.
    public private(set) var decoded: [Line] = []

    public init() {}

    /// The view now needs `lines` (the frame shown first, then the one before it).
    public mutating func want(_ lines: [Line]) {
        wanted = lines
    }

    /// The wanted lines not decoded yet, the frame shown first.
    public var missing: [Line] { wanted.filter { !decoded.contains($0) } }

    /// The frame shown is waiting for its decode (the previous frame or a placeholder stays up).
    public var waitingForShown: Bool { wanted.first.map { !decoded.contains($0) } ?? false }

    /// Starts the next job when the worker is idle: a wanted line before indexing, which runs
    /// only when `unindexed` says lines wait. Returns the job to hand the worker.
    @discardableResult
    public mutating func start(unindexed: Bool) -> Job? {
        guard running == nil else { return nil }
        if let line = missing.first {
            running = .show(line)
        } else if unindexed {
            running = .index
        }
        return running
    }

    /// The running job finished; returns it. A decoded line is kept, and the lines kept are cut
    /// back to ``kept``, the wanted ones staying.
    @discardableResult
    public mutating func finish() -> Job? {
        defer { running = nil }
        if case let .show(line)? = running {
            let all = decoded.filter { $0 != line } + [line]
            decoded = Array((all.filter { !wanted.contains($0) } + all.filter { wanted.contains($0) }).suffix(Self.kept))
        }
        return running
    }
}
