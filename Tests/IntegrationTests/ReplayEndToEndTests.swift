import Foundation
import NetwatchCore
import TestSupport
import XCTest

/// `netwatch replay` as a user runs it: on a recording of the fixture tree made by `netwatch
/// record`, in tmux, stepping, playing, following a pipe, and its errors.
final class ReplayEndToEndTests: XCTestCase {
    let netwatch = FixturePaths.binary("netwatch")
    let procRoot = FixturePaths.fixture("proc-storm")
    private var scratch: ScratchDirectory?
    private var tmux: TmuxSession?
    var dir: String { scratch?.path ?? "" }

    override func setUpWithError() throws {
        scratch = try ScratchDirectory("netwatch-replay")
    }

    override func tearDownWithError() throws {
        tmux?.kill()
        scratch?.remove()
    }

    /// Records `count` lines of the fixture tree every 0.1 s into `name`; returns its path.
    private func record(_ name: String, count: Int) throws -> String {
        let path = dir + "/" + name
        let result = try ProcessRunner.run([netwatch, "record", "-o", path, "--count", String(count), "--interval", "0.1", "--proc-root", procRoot])
        XCTAssertEqual(result.status, 0, result.stderr)
        return path
    }

    private func start(_ arguments: String, locale: String = "C.UTF-8") throws -> TmuxSession {
        try TmuxSession.skipUnlessAvailable()
        let session = try TmuxSession(label: "replay", width: 120, height: 40,
                                      command: "\(arguments) 2> \(dir)/err; echo NETWATCH_EXIT=$?; sleep 60", locale: locale)
        tmux = session
        return session
    }

    private func header(_ screen: [String]) -> String { screen.first ?? "" }

    func testRecordThenReplayGivesBackEverySnapshot() throws {
        let path = try record("r.ndjson", count: 4)
        let text = try String(contentsOfFile: path, encoding: .utf8)
        var splitter = NDJSONLineSplitter()
        let lines = splitter.feed(Array(text.utf8))
        XCTAssertEqual(lines.count, 4)
        XCTAssertNil(splitter.tornLine)
        let bytes = Array(text.utf8)
        for line in lines {
            let recorded = String(decoding: bytes[line.offset..<line.offset + line.length], as: UTF8.self)
            XCTAssertEqual(SnapshotEncoder.encode(try SnapshotDecoder.decode(recorded)).serialized(), recorded)
        }
    }

    func testStepPlayAndQuitWithATornLastLineCounted() throws {
        let path = try record("r.ndjson", count: 12)
        let handle = try XCTUnwrap(FileHandle(forWritingAtPath: path))
        handle.seekToEndOfFile()
        handle.write(Data("{\"schema\":\"netwatch.snap".utf8))
        handle.closeFile()
        let session = try start("\(TmuxSession.shellQuote(netwatch)) replay \(TmuxSession.shellQuote(path))")
        let first = try session.waitForScreen("the first frame, paused") { self.header($0).contains("REPLAY 1/12 ❚❚") }
        XCTAssertTrue(first.contains { $0.contains("1 line skipped (line 13: torn last line") }, first.joined(separator: "\n"))
        XCTAssertTrue(header(first).contains("netwatch storm-host"), header(first))
        try session.press("Right", "Right")
        try session.waitForScreen("two steps on") { self.header($0).contains("REPLAY 3/12 ❚❚") }
        try session.press("Left")
        try session.waitForScreen("one step back") { self.header($0).contains("REPLAY 2/12 ❚❚") }
        try session.press("End")
        try session.waitForScreen("the newest, following") { self.header($0).contains("REPLAY 12/12 ❚❚ live") }
        try session.press("Home")
        try session.waitForScreen("back to the first") { self.header($0).contains("REPLAY 1/12 ❚❚") }
        try session.press("]", "Space")
        try session.waitForScreen("playing at 2× to the end") { self.header($0).contains("REPLAY 12/12 ▶ 2× live") }
        try session.press("q")
        XCTAssertEqual(try session.waitForExitStatus(), 0)
    }

    /// LANG unset or C (a bare SSH session, a container, CI): curses cannot draw block or arrow
    /// glyphs there, so the dashboard draws ASCII and says why on the status line.
    func testAPlainCLocaleDrawsASCIIAndSaysWhy() throws {
        let path = try record("r.ndjson", count: 3)
        let session = try start("\(TmuxSession.shellQuote(netwatch)) replay \(TmuxSession.shellQuote(path))", locale: "C")
        let first = try session.waitForScreen("the first frame, paused, in ASCII") { self.header($0).contains("REPLAY 1/3 ||") }
        XCTAssertTrue(first.contains { $0.contains("ASCII glyphs: the locale is not UTF-8 (LC_ALL=C); LANG=C.UTF-8 gives block charts") },
                      first.joined(separator: "\n"))
        XCTAssertFalse(first.joined().unicodeScalars.contains { !$0.isASCII }, first.joined(separator: "\n"))
        try session.press("q")
        XCTAssertEqual(try session.waitForExitStatus(), 0)
    }

    /// `record --max-size` renames FILE to FILE.1 and starts a new FILE: a replay following FILE
    /// keeps what it read, stops saying `live`, and says why in the footer.
    func testARotatedFileIsSaidInTheFooterAndFollowingStops() throws {
        let path = try record("r.ndjson", count: 4)
        let session = try start("cd \(TmuxSession.shellQuote(dir)) && \(TmuxSession.shellQuote(netwatch)) replay r.ndjson")
        try session.waitForScreen("the first frame") { self.header($0).contains("REPLAY 1/4 ❚❚") }
        try session.press("End")
        try session.waitForScreen("the newest, following") { self.header($0).contains("REPLAY 4/4 ❚❚ live") }
        XCTAssertEqual(rename(path, path + ".1"), 0)
        _ = try record("r.ndjson", count: 1)
        let rotated = try session.waitForScreen("the rotation said") {
            $0.last?.contains("r.ndjson was rotated or replaced: newer lines go to the new file; replay it again for them") == true
        }
        XCTAssertTrue(header(rotated).contains("REPLAY 4/4 ❚❚"), header(rotated))
        XCTAssertFalse(header(rotated).contains("live"), header(rotated))
        try session.press("Left")
        try session.waitForScreen("still steps through what was read") { self.header($0).contains("REPLAY 3/4 ❚❚") }
        try session.press("q")
        XCTAssertEqual(try session.waitForExitStatus(), 0)
    }

    /// `record -o FILE` again while a replay follows FILE: the replay does not take the new
    /// recording for the rest of the old one, and says why.
    func testAFileWrittenAnewIsSaidInTheFooterAndNotRead() throws {
        _ = try record("r.ndjson", count: 4)
        let session = try start("cd \(TmuxSession.shellQuote(dir)) && \(TmuxSession.shellQuote(netwatch)) replay r.ndjson")
        try session.press("End")
        try session.waitForScreen("the newest, following") { self.header($0).contains("REPLAY 4/4 ❚❚ live") }
        _ = try record("r.ndjson", count: 6)
        let rewritten = try session.waitForScreen("the rewrite said") {
            $0.last?.contains("r.ndjson was emptied and written again (a new recording?): replay it again for that one") == true
        }
        XCTAssertTrue(header(rewritten).contains("REPLAY 4/4 ❚❚"), header(rewritten))
        XCTAssertFalse(header(rewritten).contains("live"), header(rewritten))
        XCTAssertFalse(rewritten.contains { $0.contains("skipped") }, "nothing of the new recording was read")
        try session.press("q")
        XCTAssertEqual(try session.waitForExitStatus(), 0)
    }

    /// `record --max-size` (two ~26 KB lines a file) leaves r.ndjson, r.ndjson.1, r.ndjson.2; `replay r.ndjson*` plays
    /// them as one recording.
    func testRotatedFilesReplayAsOneRecording() throws {
        let path = dir + "/r.ndjson"
        let result = try ProcessRunner.run([netwatch, "record", "-o", path, "--count", "6", "--interval", "0.1",
                                            "--max-size", "60k", "--proc-root", procRoot])
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: dir).sorted(), ["r.ndjson", "r.ndjson.1", "r.ndjson.2"])
        let session = try start("cd \(TmuxSession.shellQuote(dir)) && \(TmuxSession.shellQuote(netwatch)) replay r.ndjson*")
        let first = try session.waitForScreen("the first of six frames") { self.header($0).contains("REPLAY 1/6 ❚❚") }
        XCTAssertFalse(first.contains { $0.contains("skipped") }, first.joined(separator: "\n"))
        try session.press("End")
        try session.waitForScreen("the newest, following the newest file") { self.header($0).contains("REPLAY 6/6 ❚❚ live") }
        try session.press("q")
        XCTAssertEqual(try session.waitForExitStatus(), 0)
    }

    func testFilterAndDrillWorkOnWhatWasRecorded() throws {
        let path = try record("r.ndjson", count: 3)
        let session = try start("\(TmuxSession.shellQuote(netwatch)) replay \(TmuxSession.shellQuote(path))")
        try session.waitForScreen("three destinations") { $0.contains { $0.contains("│127.0.0.1:7001 ") } && $0.contains { $0.contains("│127.0.0.2:7002 ") } }
        try session.type("/7002")
        try session.press("Enter")
        let filtered = try session.waitForScreen("the filter on the recorded tables") { self.header($0).contains("filter 7002") }
        XCTAssertFalse(filtered.contains { $0.contains("│127.0.0.1:7001 ") }, filtered.joined(separator: "\n"))
        XCTAssertTrue(filtered.contains { $0.contains("│127.0.0.2:7002 ") }, filtered.joined(separator: "\n"))
        XCTAssertTrue(filtered.last?.contains("replay: the filter narrows the recorded tables; state counts and peers stay as recorded") == true,
                      filtered.last ?? "")
        try session.press("Enter")
        let drill = try session.waitForScreen("the drill view of the destination") { self.header($0).contains("drill 127.0.0.2:7002") }
        XCTAssertTrue(drill.contains { $0.contains("Destination 127.0.0.2:7002") }, drill.joined(separator: "\n"))
        XCTAssertTrue(drill.contains { $0.contains("sockets were not recorded (netwatch record --port PORTS keeps them)") },
                      drill.joined(separator: "\n"))
        try session.press("Escape")
        try session.waitForScreen("back on the dashboard") { !self.header($0).contains("drill") }
        try session.press("q")
        XCTAssertEqual(try session.waitForExitStatus(), 0)
    }

    /// Lines written into the replay's standard input (a FIFO the test holds open) appear as they
    /// arrive: the view follows the newest until stepped back.
    func testAPipeIsFollowedAsItArrives() throws {
        let recorded = try String(contentsOfFile: try record("r.ndjson", count: 15), encoding: .utf8)
        let lines = recorded.split(separator: "\n").map { String($0) + "\n" }
        XCTAssertEqual(lines.count, 15)
        let fifo = dir + "/pipe"
        XCTAssertEqual(mkfifo(fifo, 0o600), 0)
        let session = try start("\(TmuxSession.shellQuote(netwatch)) replay - < \(TmuxSession.shellQuote(fifo))")
        let writer = try Self.openWriteEnd(fifo)
        defer { close(writer) }
        try Self.write(lines.prefix(14).joined(), to: writer)
        try session.waitForScreen("the 14 lines written so far, followed") { self.header($0).contains("REPLAY 14/14 ❚❚ live") }
        try Self.write(lines[14], to: writer)
        try session.waitForScreen("the line written next, followed") { self.header($0).contains("REPLAY 15/15 ❚❚ live") }
        try session.press("Left")
        try session.waitForScreen("stepped back") { self.header($0).contains("REPLAY 14/15 ❚❚") }
        try session.press("q")
        XCTAssertEqual(try session.waitForExitStatus(), 0)
    }

    /// Opens `fifo` for writing once a reader has it open (the replay's shell opens it when tmux
    /// starts it; polled, so a replay that never starts fails the test instead of hanging it).
    private static func openWriteEnd(_ fifo: String) throws -> Int32 {
        let deadline = Date().addingTimeInterval(10)
        while true {
            let fd = open(fifo, O_WRONLY | O_NONBLOCK | O_CLOEXEC)
            if fd >= 0 { return fd }
            guard errno == ENXIO, Date() < deadline else { throw TmuxError(message: "no reader opened \(fifo): errno \(errno)") }
            usleep(20_000)   // waiting on a real process: there is no clock to inject here
        }
    }

    private static func write(_ text: String, to fd: Int32) throws {
        var bytes = Array(text.utf8)[...]
        while !bytes.isEmpty {
            let written = bytes.withUnsafeBytes { Glibc.write(fd, $0.baseAddress, $0.count) }
            if written < 0, errno == EAGAIN || errno == EINTR {
                usleep(1_000)   // the pipe is full until the replay reads
                continue
            }
            guard written > 0 else { throw TmuxError(message: "writing into the replay's pipe: errno \(errno)") }
            bytes = bytes.dropFirst(written)
        }
    }

    func testAnExportReplaysAsOneFrameWithItsHistory() throws {
        let path = dir + "/export.json"
        // Exported on a short tick (right after a key): the history's interval is the dashboard's.
        var snapshot = SnapshotFixtures.storm()
        snapshot.intervalSeconds = 0.54
        let json = SnapshotEncoder.encode(snapshot, extra: [("history", SnapshotFixtures.stormHistory().jsonValue)])
        try (json.serialized(pretty: true) + "\n").write(toFile: path, atomically: true, encoding: .utf8)
        let session = try start("\(TmuxSession.shellQuote(netwatch)) replay \(TmuxSession.shellQuote(path))")
        let screen = try session.waitForScreen("the exported frame") { self.header($0).contains("REPLAY 1/1 ❚❚") }
        // The chart's peak is the history's walked TIME_WAIT (state_time_wait), as the States pane counts it.
        XCTAssertTrue(screen.contains { $0.contains("peak 29,280") }, "the export's history is charted:\n" + screen.joined(separator: "\n"))
        XCTAssertTrue(header(screen).contains("every 1 s"), header(screen))
        XCTAssertFalse(screen.contains { $0.contains("skipped") }, screen.joined(separator: "\n"))
        try session.press("q")
        XCTAssertEqual(try session.waitForExitStatus(), 0)
    }

    func testARecordingFromANewerSchemaIsAClearError() throws {
        let path = try record("r.ndjson", count: 1)
        let line = try String(contentsOfFile: path, encoding: .utf8).replacingOccurrences(of: "netwatch.snapshot/1", with: "netwatch.snapshot/2")
        try line.write(toFile: path, atomically: true, encoding: .utf8)
        let session = try start("\(TmuxSession.shellQuote(netwatch)) replay \(TmuxSession.shellQuote(path))")
        XCTAssertEqual(try session.waitForExitStatus(), 1)
        XCTAssertEqual(try String(contentsOfFile: dir + "/err", encoding: .utf8),
                       "netwatch: \(path) line 1: the recording comes from a newer netwatch (schema netwatch.snapshot/2); "
                       + "this netwatch reads netwatch.snapshot/1 — replay it with a newer netwatch\n")
    }

    func testARecordingWithoutASnapshotSaysSoAndCountsItsLines() throws {
        let path = dir + "/bad.ndjson"
        try "garbage\n{\"schema\":\"netwatch.snapshot/1\"}\n".write(toFile: path, atomically: true, encoding: .utf8)
        let session = try start("\(TmuxSession.shellQuote(netwatch)) replay \(TmuxSession.shellQuote(path))")
        let screen = try session.waitForScreen("both lines skipped") { $0.contains { $0.contains("2 lines skipped") } }
        XCTAssertTrue(screen.contains { $0.hasPrefix(" 2 lines skipped (line 2: taken_at: expected a string)") }, screen.joined(separator: "\n"))
        XCTAssertTrue(screen.contains { $0.hasPrefix(" no snapshot in the recording yet") }, screen.joined(separator: "\n"))
        XCTAssertTrue(header(screen).contains("REPLAY 0/0"), header(screen))
        try session.press("Right", "Space", "End")
        try session.press("q")
        XCTAssertEqual(try session.waitForExitStatus(), 0)
    }

    func testAMissingFileOrADirectoryIsAnErrorBeforeTheScreen() throws {
        let missing = try ProcessRunner.run([netwatch, "replay", dir + "/nope.ndjson"])
        XCTAssertEqual(missing.status, 1)
        XCTAssertEqual(missing.stderr, "netwatch: cannot open \(dir)/nope.ndjson: No such file or directory\n")
        let directory = try ProcessRunner.run([netwatch, "replay", dir])
        XCTAssertEqual(directory.status, 1)
        XCTAssertEqual(directory.stderr, "netwatch: cannot replay \(dir): it is a directory; give a file written by netwatch record or an export\n")
        let badHistory = try ProcessRunner.run([netwatch, "replay", "--history", "2d", "x"])
        XCTAssertEqual(badHistory.status, 2)
        XCTAssertTrue(badHistory.stderr.hasPrefix("netwatch: --history: invalid duration '2d' (expected seconds as 90, 30s, 15m or 2h)"), badHistory.stderr)
    }

    // MARK: Crafted recordings (issue 11, point 12)

    func testAByteOrderMarkBeforeLineOneIsNotASkippedLine() throws {
        let path = try record("r.ndjson", count: 3)
        let bom = dir + "/bom.ndjson"
        try Data([0xEF, 0xBB, 0xBF] + Array(try Data(contentsOf: URL(fileURLWithPath: path)))).write(to: URL(fileURLWithPath: bom))
        let session = try start("\(TmuxSession.shellQuote(netwatch)) replay \(TmuxSession.shellQuote(bom))")
        let screen = try session.waitForScreen("all three frames") { self.header($0).contains("REPLAY 1/3 ❚❚") }
        XCTAssertFalse(screen.contains { $0.contains("skipped") }, screen.joined(separator: "\n"))
        try session.press("q")
        XCTAssertEqual(try session.waitForExitStatus(), 0)
    }

    func testTheNewerSchemaErrorNamesTheFirstSuchLineOfItsOwnFile() throws {
        let older = try record("a.ndjson", count: 2)
        let newer = try record("b.ndjson", count: 3)
        let text = try String(contentsOfFile: newer, encoding: .utf8).replacingOccurrences(of: "netwatch.snapshot/1", with: "netwatch.snapshot/2")
        try text.write(toFile: newer, atomically: true, encoding: .utf8)
        let session = try start("\(TmuxSession.shellQuote(netwatch)) replay \(TmuxSession.shellQuote(newer)) \(TmuxSession.shellQuote(older))")
        XCTAssertEqual(try session.waitForExitStatus(), 1)
        XCTAssertEqual(try String(contentsOfFile: dir + "/err", encoding: .utf8),
                       "netwatch: \(newer) line 1: the recording comes from a newer netwatch (schema netwatch.snapshot/2); "
                       + "this netwatch reads netwatch.snapshot/1 — replay it with a newer netwatch\n")
    }

    func testTheSameFileTwiceIsRefused() throws {
        let path = try record("r.ndjson", count: 1)
        let result = try ProcessRunner.run([netwatch, "replay", path, dir + "/./r.ndjson"])
        XCTAssertEqual(result.status, 2)
        XCTAssertEqual(result.stderr, "netwatch: replay: '\(dir)/./r.ndjson' is the same file as '\(path)'; give each file once\n")
    }

    /// Lines that take many seconds each to decode in a debug build (3 lines of 100,000 peers,
    /// 20 MB each, from scripts/reliability/crafted-replay-huge.py): the screen says which frame is
    /// being decoded, a step is taken at once, and q ends the replay without waiting for the decode.
    /// The one wall-clock bound: netwatch is gone within 3 s of q, while a decode takes well over 10 s.
    func testQuitsAtOnceWhileAHugeLineDecodes() throws {
        let path = dir + "/huge.ndjson"
        let generated = try ProcessRunner.run(["python3", FixturePaths.packageRoot + "/scripts/reliability/crafted-replay-huge.py",
                                               "--recording", path, "100000", "3"])
        XCTAssertEqual(generated.status, 0, generated.stderr)
        let session = try start("\(TmuxSession.shellQuote(netwatch)) replay \(TmuxSession.shellQuote(path))")
        let decoding = try session.waitForScreen("the first frame being decoded", timeout: 30) { screen in
            screen.contains { $0.contains("decoding frame 1…") }
        }
        XCTAssertTrue(header(decoding).contains("REPLAY 1/"), header(decoding))
        try session.press("q")
        let quit = Date()
        XCTAssertEqual(try session.waitForExitStatus(timeout: 3), 0)
        XCTAssertLessThan(Date().timeIntervalSince(quit), 3)
        XCTAssertEqual(try session.format("#{alternate_on}"), "0", "the terminal is restored")
        XCTAssertEqual(try String(contentsOfFile: dir + "/err", encoding: .utf8), "")
    }

    /// Indexing skims a line (its peer list is not decoded): a line whose peers are broken is a
    /// frame, and showing it says why it cannot be shown, keeping the frame before on screen.
    func testAFrameWhosePeersAreBrokenSaysSoWhenShown() throws {
        let path = try record("r.ndjson", count: 2)
        var lines = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").map(String.init)
        lines[1] = lines[1].replacingOccurrences(of: #""peers":[{"address":""#, with: #""peers":[{"address":"not-an-address"#)
        try (lines.joined(separator: "\n") + "\n").write(toFile: path, atomically: true, encoding: .utf8)
        let session = try start("\(TmuxSession.shellQuote(netwatch)) replay \(TmuxSession.shellQuote(path))")
        try session.waitForScreen("the first frame") { self.header($0).contains("REPLAY 1/2 ❚❚") }
        try session.press("Right")
        let screen = try session.waitForScreen("frame 2 refused") { $0.contains { $0.contains("frame 2 cannot be shown: ") } }
        XCTAssertTrue(header(screen).contains("REPLAY 2/2"), header(screen))
        XCTAssertEqual(screen.first { $0.contains("cannot be shown") }?.contains("peers[0].address"), true, screen.joined(separator: "\n"))
        try session.press("q")
        XCTAssertEqual(try session.waitForExitStatus(), 0)
    }
}
