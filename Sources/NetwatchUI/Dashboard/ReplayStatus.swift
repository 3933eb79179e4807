import NetwatchCore

/// Where a replay stands, for the header and the footer: the frame shown out of those read,
/// playback, and the lines that could not be replayed.
public struct ReplayStatus: Equatable, Sendable {
    /// 1-based number of the frame shown.
    public var frame: Int
    /// Frames read so far.
    public var frames: Int
    public var playing: Bool
    /// Recorded seconds per real second.
    public var speed: Double
    /// New frames move the position along (a pipe or a growing file, on the newest frame).
    public var following: Bool
    /// Lines skipped: torn, not JSON, or not a snapshot.
    public var skippedLines: Int
    /// Why the last line was skipped (`line 12: …`).
    public var lastSkip: String?
    /// Something about the recording itself the footer keeps saying (it was rotated away).
    public var notice: String?

    public init(frame: Int, frames: Int, playing: Bool, speed: Double, following: Bool, skippedLines: Int, lastSkip: String?,
                notice: String? = nil) {
        self.frame = frame
        self.frames = frames
        self.playing = playing
        self.speed = speed
        self.following = following
        self.skippedLines = skippedLines
        self.lastSkip = lastSkip
        self.notice = notice
    }

    /// `REPLAY 12/340 ▶ 2×`, `REPLAY 340/340 ❚❚ live` (ASCII: `>` and `||`, `x`).
    func headerText(_ mode: GlyphMode) -> String {
        let ascii = mode == .ascii
        let state = playing ? (ascii ? ">" : "▶") : (ascii ? "||" : "❚❚")
        let speedText = speed == 1 ? "" : " " + CFormat.string("%g", speed) + mode.glyphs.times
        return "REPLAY \(frame)/\(frames) \(state)\(speedText)" + (following ? " live" : "")
    }

    /// `2 lines skipped (line 17: unexpected end of input)`; `nil` when none was.
    var skippedText: String? {
        guard skippedLines > 0 else { return nil }
        let count = skippedLines == 1 ? "1 line skipped" : "\(skippedLines) lines skipped"
        return lastSkip.map { "\(count) (\($0))" } ?? count
    }
}
