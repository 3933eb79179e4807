/// The replay of a recording as a value: the frames read so far, the position shown, playback
/// (play/pause, speed, when the next frame is due) and the lines that could not be read. Pure:
/// times are the caller's monotonic seconds, so tests drive it with any clock.
///
/// Following: while the position is on the newest frame, frames that arrive (a growing file,
/// `netwatch record -o - | netwatch replay -`) move it along; stepping back stops that, and
/// `End` or stepping onto the newest frame starts it again.
public struct ReplayTimeline: Sendable {
    public private(set) var frames: [ReplayFrame] = []
    /// Index of the frame shown; 0 while there are none.
    public private(set) var position = 0
    /// The position moves with new frames.
    public private(set) var following: Bool
    public private(set) var playing = false
    /// Recorded seconds per real second.
    public private(set) var speed = 1.0
    /// Lines skipped: torn, not JSON, or not a snapshot.
    public private(set) var skippedLines = 0
    /// Why the last line was skipped, with its line number.
    public private(set) var lastSkip: String?
    /// When the next frame is due while playing (caller's monotonic seconds); `nil` when not playing
    /// or on the newest frame.
    public private(set) var nextAdvance: Double?

    /// The playback speeds `[` and `]` step through.
    public static let speeds: [Double] = [0.25, 0.5, 1, 2, 4, 8, 16, 32, 64]
    /// The longest real wait between two frames while playing, in seconds: a gap in the recording
    /// (a stopped recorder) is not sat through.
    public static let longestWait = 2.0

    /// - Parameter following: start by following new frames (a pipe) or at the first (a file).
    public init(following: Bool) {
        self.following = following
    }

    public var current: ReplayFrame? { frames.isEmpty ? nil : frames[position] }

    /// The frame before the current one, for per-second changes.
    public var previous: ReplayFrame? { position > 0 ? frames[position - 1] : nil }

    /// Adds the next recorded frame.
    public mutating func append(_ frame: ReplayFrame, now: Double) {
        frames.append(frame)
        if following { position = frames.count - 1 }
        if playing && nextAdvance == nil { schedule(now: now) }
    }

    /// Counts a line that could not be replayed.
    public mutating func skip(lineNumber: Int, reason: String) {
        skippedLines += 1
        lastSkip = "line \(lineNumber): \(reason)"
    }

    /// Takes back the last ``skip(lineNumber:reason:)``: a line counted as torn was completed.
    public mutating func unskip() {
        skippedLines = max(0, skippedLines - 1)
        if skippedLines == 0 { lastSkip = nil }
    }

    /// `←`/`→`: moves by `frames`, stopping at either end.
    public mutating func step(by count: Int, now: Double) {
        guard !frames.isEmpty else { return }
        position = min(max(0, position + count), frames.count - 1)
        following = position == frames.count - 1
        schedule(now: now)
    }

    /// `Home`: the first frame.
    public mutating func home(now: Double) { step(by: -frames.count, now: now) }

    /// `End`: the newest frame, following from then on.
    public mutating func end(now: Double) { step(by: frames.count, now: now) }

    /// `space`: play or pause.
    public mutating func togglePlaying(now: Double) {
        playing.toggle()
        schedule(now: now)
    }

    /// `]` faster (`true`) or `[` slower, one step of ``speeds``.
    public mutating func changeSpeed(faster: Bool, now: Double) {
        let index = ReplayTimeline.speeds.firstIndex(of: speed) ?? 2
        let next = min(max(0, index + (faster ? 1 : -1)), ReplayTimeline.speeds.count - 1)
        speed = ReplayTimeline.speeds[next]
        schedule(now: now)
    }

    /// Moves to the next frame when it is due; returns whether the position moved.
    public mutating func advance(now: Double) -> Bool {
        guard playing, let due = nextAdvance, now >= due, position + 1 < frames.count else { return false }
        position += 1
        following = position == frames.count - 1
        schedule(now: now)
        return true
    }

    /// Sets when the frame after the current one is due: its recorded gap at the current speed,
    /// at most ``longestWait``.
    private mutating func schedule(now: Double) {
        guard playing, position + 1 < frames.count else { nextAdvance = nil; return }
        let gap = frames[position + 1].takenAt.timeIntervalSince(frames[position].takenAt)
        nextAdvance = now + min(max(0, gap) / speed, ReplayTimeline.longestWait)
    }

    /// Seconds between recorded snapshots at the position, to the hundredth: the line's own
    /// `interval_s`, else the gap to the frame before or after, else 1.
    public var intervalSeconds: Double {
        var seconds = current?.intervalSeconds ?? 0
        if seconds <= 0, let current {
            let neighbour = previous ?? (position + 1 < frames.count ? frames[position + 1] : nil)
            seconds = abs(neighbour.map { current.takenAt.timeIntervalSince($0.takenAt) } ?? 0)
        }
        return seconds > 0 ? max(0.01, (seconds * 100).rounded() / 100) : 1
    }

    /// The trend window as the dashboard would have had it at the position: the frames taken
    /// within `windowSeconds` before the current one, the current included.
    public func history(windowSeconds: Double) -> History {
        var history = History(windowSeconds: windowSeconds, intervalSeconds: intervalSeconds)
        guard let current else { return history }
        var first = position
        while first > 0, current.takenAt.timeIntervalSince(frames[first - 1].takenAt) < windowSeconds { first -= 1 }
        for frame in frames[first...position] { history.record(frame.sample) }
        return history
    }
}
