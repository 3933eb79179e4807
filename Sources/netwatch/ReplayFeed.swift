import NetwatchCore
import NetwatchLinux
import NetwatchUI

/// A recording's frames for the dashboard: lines are read as they arrive (a file, followed as
/// it grows, or a pipe), indexed (skimmed: their bulky lists are not decoded) and decoded fully
/// when shown, both on a ``BackgroundWorker`` (``ReplayDecoding``, ``ReplayDecodeSchedule``) so
/// that a line costing seconds never holds keys or signals: meanwhile the screen keeps the frame
/// before and says which frame is being decoded. Torn and
/// invalid lines are skipped and counted; a line from a newer schema ends the replay with a
/// clear error. A followed file that is rotated away (`record --max-size`) or written anew is
/// said so in the footer: what was read stays, the new recording is not read. A file holding one
/// exported snapshot (pretty JSON over many lines) replays as a single frame with the history it
/// carries.
final class ReplayFeed: DashboardFeed {
    /// How long one update may spend reading before it draws, in seconds.
    static let readBudgetSeconds = 0.05
    /// Bytes read per call.
    static let chunkBytes = 1 << 20
    /// How often a file is checked for growth, in seconds.
    static let followSeconds = 1.0

    /// Lines read per indexing job at most, and bytes (a job holds at least one line).
    static let indexLines = 256
    static let indexBytes = 8 << 20

    private let reader: RecordingSet
    private let worker: BackgroundWorker<ReplayDecoding.Request, ReplayDecoding.Output>
    private var schedule = ReplayDecodeSchedule<NDJSONLineSplitter.Line>()
    /// Lines read and not yet handed to indexing, oldest first.
    private var unindexed: [ReplayDecoding.Pending] = []
    private let windowSeconds: Double
    private let clock = SystemClock()
    private var splitter = NDJSONLineSplitter()
    private var timeline: ReplayTimeline
    private var linesRead = 0
    /// The file (index in the set) of the last line read, and that line's number in it.
    private var lineFile = 0
    private var lineInFile = 0
    /// More bytes are waiting: read again at once.
    private var pending = true
    private var lastRead = -Double.infinity
    /// The offset of a torn last line already counted, so it is counted once.
    private var tornOffset: Int?
    /// The history an exported snapshot carries, used instead of rebuilding one.
    private var exportedHistory: History?
    /// The file length at which reading the whole file as one export was last tried.
    private var exportTriedAt: Int?
    /// What happened to the followed file (rotated away, or written anew), once noticed.
    private var fileChange: RecordingReader.FileChange?
    /// The lines decoded fully, as many as ``ReplayDecodeSchedule/decoded`` keeps (the frame shown
    /// and the one before): a step forward decodes one line, not two (what a step costs when a
    /// line holds 200k peers).
    private var decoded: [(line: NDJSONLineSplitter.Line, snapshot: Result<Snapshot, SnapshotDecodeError>)] = []
    /// What is on screen: the position and view it was built for.
    private var shown: (position: Int, frames: Int, filter: PortSet?, drill: DrillTarget?)?
    private(set) var failure: String?

    let showsWallClock = false

    /// Create it after the dashboard's signals are blocked: the decoding thread inherits the mask.
    init(reader: RecordingSet, windowSeconds: Double) throws(DashboardExit) {
        self.reader = reader
        self.windowSeconds = windowSeconds
        timeline = ReplayTimeline(following: reader.isStream)
        do {
            worker = try BackgroundWorker(perform: ReplayDecoding.perform)
        } catch {
            throw DashboardExit(status: 1, message: error.description)
        }
    }

    /// The worker's while it decodes (its end wakes the run loop), else a replayed pipe's.
    var pollDescriptor: Int32 { schedule.running == nil ? reader.pollDescriptor : worker.finishedDescriptor }

    var nextTick: Double {
        if pending { return 0 }
        let follow = reader.isStream ? Double.infinity : lastRead + ReplayFeed.followSeconds
        return min(follow, timeline.nextAdvance ?? .infinity)
    }

    func update(_ model: inout DashboardModel, now: Double) -> Bool {
        readAvailable(now: now)
        if schedule.running != nil, let output = worker.take() { finish(output, now: now) }
        _ = timeline.advance(now: now)
        refresh(&model)
        return true
    }

    // MARK: Decoding

    /// Hands the worker its next job when it is idle: the line the view needs, else the next lines
    /// to index (their bytes read here, at most ``indexBytes`` beyond the first).
    private func startDecoding() {
        guard failure == nil else { return }
        switch schedule.start(unindexed: !unindexed.isEmpty) {
        case nil: return
        case let .show(line)?:
            worker.submit(.show(line, reader.bytes(of: line)))
        case .index?:
            var batch: [(ReplayDecoding.Pending, [UInt8])] = []
            var bytes = 0
            for next in unindexed.prefix(ReplayFeed.indexLines) {
                guard batch.isEmpty || bytes + next.line.length <= ReplayFeed.indexBytes else { break }
                bytes += next.line.length
                batch.append((next, reader.bytes(of: next.line)))
            }
            unindexed.removeFirst(batch.count)
            worker.submit(.index(batch))
        }
    }

    private func finish(_ output: ReplayDecoding.Output, now: Double) {
        schedule.finish()
        switch output {
        case let .shown(line, snapshot):
            decoded = schedule.decoded.compactMap { kept in
                kept == line ? (line, snapshot) : decoded.first { $0.line == kept }
            }
            shown = nil
        case let .indexed(lines):
            for indexed in lines { index(indexed, now: now) }
            // A file that gave no frame may be one exported document: try it now that every line
            // read is indexed.
            if unindexed.isEmpty && timeline.frames.isEmpty { pending = true }
        }
    }

    private func index(_ indexed: ReplayDecoding.Indexed, now: Double) {
        // The first line from a newer schema ends the replay; the lines after it are not read.
        guard failure == nil else { return }
        switch indexed.frame {
        case let .success(frame?): timeline.append(frame, now: now)
        case .success(nil): break
        case let .failure(error):
            if case .newerSchema = error {
                failure = "\(reader.names[indexed.pending.file]) line \(indexed.pending.lineInFile): \(error)"
            } else {
                timeline.skip(lineNumber: indexed.pending.lineInFile, reason: ReplayFeed.brief(error))
            }
        }
    }

    // MARK: Reading

    private func readAvailable(now: Double) {
        lastRead = now
        pending = false
        guard fileChange != .rewritten else { return }
        do {
            while true {
                let bytes = try reader.readAvailable(limit: ReplayFeed.chunkBytes)
                // After every read: bytes from a file written anew are the new recording's, and a
                // file rotated away is still read to its end (a line may have reached it just
                // before the rename; nothing writes to it after).
                if fileChange == nil { fileChange = reader.change }
                if fileChange == .rewritten { return }
                if bytes.isEmpty { return reachedEnd(now: now) }
                for line in splitter.feed(bytes) { ingest(line, now: now) }
                if failure != nil { return }
                if clock.now() - now > ReplayFeed.readBudgetSeconds { pending = true; return }
            }
        } catch {
            failure = error.description
        }
    }

    private func ingest(_ line: NDJSONLineSplitter.Line, now: Double) {
        linesRead += 1
        let file = reader.file(of: line.offset)
        lineInFile = file == lineFile ? lineInFile + 1 : 1
        lineFile = file
        if line.offset == tornOffset { tornOffset = nil; timeline.unskip() }
        unindexed.append(ReplayDecoding.Pending(line: line, file: file, lineInFile: lineInFile))
    }

    /// Every line read has been indexed.
    private var indexed: Bool { unindexed.isEmpty && schedule.running != .index }

    /// Nothing more to read for now: count a torn last line once a stream has ended (or a file
    /// stops short of a newline), and try a file that gave no frame as one exported document.
    private func reachedEnd(now: Double) {
        if let torn = splitter.tornLine, torn.offset != tornOffset, reader.isStream ? reader.streamEnded : true {
            let text = String(decoding: reader.bytes(of: torn), as: UTF8.self)
            if reader.streamEnded, let snapshot = try? SnapshotDecoder.decode(text) {
                timeline.append(ReplayFrame(line: torn, snapshot: snapshot), now: now)
            } else if !reader.isStream && timeline.frames.isEmpty && exportedHistory == nil && indexed {
                readExport(now: now)
            } else if !text.allSatisfy(\.isWhitespace) {
                tornOffset = torn.offset
                timeline.skip(lineNumber: reader.file(of: torn.offset) == lineFile ? lineInFile + 1 : 1,
                              reason: "torn last line (no newline; the writer stopped mid-line)")
            }
        } else if !reader.isStream && timeline.frames.isEmpty && exportedHistory == nil && linesRead > 1 && indexed {
            readExport(now: now)
        }
    }

    /// The whole file as one exported snapshot (`e` in the dashboard writes pretty JSON).
    private func readExport(now: Double) {
        guard exportTriedAt != splitter.streamLength else { return }
        exportTriedAt = splitter.streamLength
        let whole = NDJSONLineSplitter.Line(offset: 0, length: splitter.streamLength)
        guard let document = try? SnapshotDecoder.parse(String(decoding: reader.bytes(of: whole), as: UTF8.self)) else { return }
        do {
            let snapshot = try SnapshotDecoder.decode(document)
            exportedHistory = try SnapshotDecoder.history(in: document)
            timeline = ReplayTimeline(following: false)
            timeline.append(ReplayFrame(line: whole, snapshot: snapshot), now: now)
            tornOffset = nil
            // A draw before the export was recognised (its lines took more than one update to
            // read) left `shown` at position 0 with no frame; with `exportedHistory` set that key
            // would match and the frame would never be decoded.
            shown = nil
        } catch {
            if case SnapshotDecodeError.newerSchema = error { failure = "\(reader.name): \(error)" }
        }
    }

    /// The reason a line was skipped, short enough for the footer.
    private static func brief(_ error: SnapshotDecodeError) -> String {
        switch error {
        case .invalidJSON: "not JSON"
        case let .invalidField(path, reason): "\(path): \(reason)"
        case .newerSchema: "newer schema"
        }
    }

    // MARK: Showing

    /// Shows the frame at the position (and the one before) once decoded, when either changed,
    /// and starts the next decode; until the frame is decoded the one shown before stays.
    private func refresh(_ model: inout DashboardModel) {
        schedule.want([timeline.current, timeline.previous].compactMap { $0?.line })
        startDecoding()
        let notices = [fileNotice, decodingNotice].compactMap { $0 }
        model.replay = ReplayStatus(frame: timeline.frames.isEmpty ? 0 : timeline.position + 1, frames: timeline.frames.count,
                                    playing: timeline.playing, speed: timeline.speed, following: timeline.following && fileChange == nil,
                                    skippedLines: timeline.skippedLines, lastSkip: timeline.lastSkip,
                                    notice: notices.isEmpty ? nil : notices.joined(separator: "; "))
        // An export's history says the dashboard's interval; its snapshot's own interval_s may be a
        // shorter tick (one right after a key).
        model.view.intervalSeconds = exportedHistory?.intervalSeconds ?? timeline.intervalSeconds
        model.tableAgeSeconds = nil
        let view = model.view
        let key = (position: timeline.position, frames: timeline.frames.count, filter: view.filter, drill: view.drill)
        // Frames counted too for an export: a read cut short by the budget refreshed before the export had a frame.
        if let shown, shown.position == key.position, shown.filter == key.filter, shown.drill == key.drill,
           shown.frames == key.frames { return }
        guard let current = timeline.current, let snapshot = snapshot(of: current) else { return }
        shown = key
        let previous = timeline.previous.flatMap(snapshot(of:))
        model.snapshot = snapshot.narrowed(filter: view.filter, drill: view.drill)
        model.previous = previous?.narrowed(filter: view.filter, drill: view.drill)
        model.history = exportedHistory ?? timeline.history(windowSeconds: windowSeconds)
        model.clock = snapshot.takenAt
    }

    /// The footer's words for what happened to the followed file.
    private var fileNotice: String? {
        switch fileChange {
        case nil: nil
        case .replaced: "\(reader.name) was rotated or replaced: newer lines go to the new file; replay it again for them"
        case .rewritten: "\(reader.name) was emptied and written again (a new recording?): replay it again for that one"
        }
    }

    /// The footer's words while the frame shown waits for its decode, or when it cannot be shown.
    private var decodingNotice: String? {
        guard let current = timeline.current else { return nil }
        if schedule.waitingForShown { return "decoding frame \(timeline.position + 1)…" }
        if case let .failure(error)? = decoded.first(where: { $0.line == current.line })?.snapshot {
            return "frame \(timeline.position + 1) cannot be shown: \(ReplayFeed.brief(error))"
        }
        return nil
    }

    /// The frame's snapshot when decoded.
    private func snapshot(of frame: ReplayFrame) -> Snapshot? {
        try? decoded.first { $0.line == frame.line }?.snapshot.get()
    }

    // MARK: Keys

    func handle(_ key: Key, model: inout DashboardModel, now: Double) -> Bool {
        switch key {
        case .left: timeline.step(by: -1, now: now)
        case .right: timeline.step(by: 1, now: now)
        case .character(" "), .character("p"): timeline.togglePlaying(now: now)
        case .character("["): timeline.changeSpeed(faster: false, now: now)
        case .character("]"): timeline.changeSpeed(faster: true, now: now)
        case .home where model.view.drill == nil: timeline.home(now: now)
        case .end where model.view.drill == nil: timeline.end(now: now)
        default: return false
        }
        refresh(&model)
        return true
    }

    /// A filter in a replay can only narrow what was recorded; the status line says so once.
    func viewChanged(_ view: ViewState, now: Double) -> String? {
        shown = nil
        pending = true
        guard view.filter != nil, view.drill == nil else { return nil }
        return "replay: the filter narrows the recorded tables; state counts and peers stay as recorded"
    }

    func changeInterval(to seconds: Double, model: inout DashboardModel, now: Double) -> String {
        // An export's history says the dashboard's interval; its snapshot's own interval_s may be a
        // shorter tick (one right after a key).
        model.view.intervalSeconds = exportedHistory?.intervalSeconds ?? timeline.intervalSeconds
        return "a replay keeps the recording's interval (\(CFormat.string("%g", timeline.intervalSeconds)) s); [ ] change the speed"
    }
}
