import Foundation
import NetwatchCore
@testable import NetwatchUI
import TestSupport
import XCTest

/// What the panes say and in which role, checked directly rather than through whole screens.
final class PaneRenderingTests: XCTestCase {
    /// Column and row where `text` first appears (columns count scalars, one per cell).
    private func find(_ text: String, in buffer: ScreenBuffer, file: StaticString = #filePath, line: UInt = #line) -> (x: Int, y: Int)? {
        for (y, row) in buffer.text().enumerated() {
            let scalars = Array(row.unicodeScalars), needle = Array(text.unicodeScalars)
            guard scalars.count >= needle.count else { continue }
            for x in 0...(scalars.count - needle.count) where Array(scalars[x..<(x + needle.count)]) == needle {
                return (x, y)
            }
        }
        XCTFail("'\(text)' not on screen", file: file, line: line)
        return nil
    }

    private func role(of text: String, in buffer: ScreenBuffer, file: StaticString = #filePath, line: UInt = #line) -> ColorRole? {
        guard let spot = find(text, in: buffer, file: file, line: line) else { return nil }
        return buffer[spot.x, spot.y]?.role
    }

    /// At 60×20 the fd, peers and listener tables fold: the footer names them, and Tab brings
    /// each in (in place of the panes that fold for it) and back to the ports table.
    func testHiddenTablesAreNamedAndTabReachesThem() throws {
        var model = DashboardModel.storm()
        model.syncView(width: 60, height: 20)
        XCTAssertEqual(Layout.compute(width: 60, height: 20).hiddenTables, [.fileDescriptors, .peers, .listeners])
        let first = Dashboard.render(model, width: 60, height: 20)
        XCTAssertEqual(find(" hidden: fds,peers,listeners tab ", in: first)?.y, 19)
        for (pane, title) in [(PaneID.fileDescriptors, "▶ File descriptors"), (.peers, "▶ Peers"), (.listeners, "▶ Listeners"),
                              (.ports, "▶ Ephemeral ports")] {
            _ = model.handle(.tab)
            model.syncView(width: 60, height: 20)
            XCTAssertEqual(model.view.focus, pane)
            let buffer = Dashboard.render(model, width: 60, height: 20)
            XCTAssertNotNil(find(title, in: buffer))
        }
    }

    /// The focused table is marked in its title, not only by the border's colour.
    func testTheFocusedPaneIsMarkedWithoutColour() throws {
        var model = DashboardModel.storm()
        model.view.focus = .fileDescriptors
        let buffer = Dashboard.render(model, width: 80, height: 24)
        XCTAssertNotNil(find("┌ ▶ File descriptors", in: buffer))
        XCTAssertNotNil(find("┌ Ephemeral ports", in: buffer))
        model.glyphMode = .ascii
        XCTAssertNotNil(find("+ > File descriptors", in: Dashboard.render(model, width: 80, height: 24)))
    }

    /// Counts are exact where the column has room, as `ss | wc -l` gives them: the States
    /// pane, the trend's now and peak, port used/usable, fd open/limit, destination rows.
    func testCountsAreExactWhereTheyFit() throws {
        var snapshot = SnapshotFixtures.storm()
        snapshot.ports.worst?.used = 998
        snapshot.ports.worst?.usable = 1000
        let lines = Dashboard.render(.fixture(snapshot, history: SnapshotFixtures.stormHistory()), width: 120, height: 40).text()
        XCTAssertTrue(lines[1].hasPrefix("┌ States 31,778 "), lines[1])
        XCTAssertTrue(lines[3].hasPrefix("│TIME_WAIT      28,100 "), lines[3])
        XCTAssertTrue(lines[2].contains("│now 28,100  peak 29,280  tcp_max_tw_buckets 32,768"), lines[2])
        XCTAssertTrue(lines[17].contains(" 998/1,000││"), lines[17])
        XCTAssertTrue(lines[20].contains("│10.0.3.17:5432                  26,300  93%     16s 26,120│"), lines[20])
        XCTAssertTrue(lines[19].contains("│812     nginx                  9,730/10,240  95%    10,240│"), lines[19])
    }

    func testFractionsFallBackToCompactFormsThatNeverRoundUpToFull() {
        XCTAssertEqual(DisplayFormat.fraction(998, of: 1000, width: 9), "998/1,000")
        XCTAssertEqual(DisplayFormat.fraction(32767, of: 32768, width: 11), "32767/32768")
        XCTAssertEqual(DisplayFormat.fraction(32767, of: 32768, width: 10), "32.7k/32.8k")
        XCTAssertEqual(DisplayFormat.fraction(2016, of: Int(Int64.max), width: 12), "2,016/9.2E")
        XCTAssertEqual(DisplayFormat.fraction(180, of: nil, width: 9, wholeText: "unlim"), "180/unlim")
        XCTAssertEqual(DisplayFormat.compactRoundedDown(1999), "1.9k")
        XCTAssertEqual(DisplayFormat.compactRoundedDown(999_999), "999k")
        XCTAssertEqual(DisplayFormat.count(4321, width: 7), "4,321")
        XCTAssertEqual(DisplayFormat.count(26331, width: 5, separators: false), "26331")
        XCTAssertEqual(DisplayFormat.count(123_456, width: 5), "123k")
        XCTAssertEqual(DisplayFormat.exact(-1_234_567), "-1,234,567")
    }

    func testPortsGaugeAt93PercentIsCritical() throws {
        let buffer = Dashboard.render(.storm(), width: 80, height: 24)
        let spot = try XCTUnwrap(find("worst  93% ", in: buffer))
        XCTAssertEqual(buffer[spot.x + 8, spot.y]?.role, .critical)
        XCTAssertEqual(buffer[spot.x + 11, spot.y], Cell("█", role: .gaugeCritical))
        XCTAssertEqual(role(of: "░", in: buffer), .gaugeEmpty)
    }

    func testGaugeTakesTheWarningRoleFrom70Percent() throws {
        var snapshot = SnapshotFixtures.storm()
        snapshot.ports.worst?.ratio = 0.75
        let buffer = Dashboard.render(.fixture(snapshot), width: 80, height: 24)
        let spot = try XCTUnwrap(find("worst  75% ", in: buffer))
        XCTAssertEqual(buffer[spot.x + 8, spot.y]?.role, .warning)
        XCTAssertEqual(buffer[spot.x + 11, spot.y], Cell("█", role: .gaugeWarning))
        snapshot.ports.worst?.ratio = 0.6999
        let calm = Dashboard.render(.fixture(snapshot), width: 80, height: 24)
        XCTAssertEqual(calm[spot.x + 8, spot.y]?.role, .value)
        XCTAssertEqual(calm[spot.x + 11, spot.y], Cell("█", role: .gaugeFilled))
    }

    func testEmphasisedStates() {
        let buffer = Dashboard.render(.storm(), width: 120, height: 40)
        XCTAssertEqual(role(of: "TIME_WAIT      28,100", in: buffer), .timeWait)
        XCTAssertEqual(role(of: "CLOSE_WAIT", in: buffer), .closeWait)
        XCTAssertEqual(role(of: "SYN_SENT", in: buffer), .synSent)
        XCTAssertEqual(role(of: "SYN_RECV", in: buffer), .synRecv)
        XCTAssertEqual(role(of: "ESTABLISHED", in: buffer), .label)
        XCTAssertEqual(role(of: "FIN_WAIT1", in: buffer), .label)
    }

    func testStateChangePerSecondComesFromThePreviousSnapshot() {
        let model = DashboardModel.storm()
        XCTAssertEqual(StatesPane.changePerSecond(of: [.timeWait], model: model), 120)
        XCTAssertEqual(StatesPane.changePerSecond(of: [.established], model: model), 0)
        XCTAssertNil(StatesPane.changePerSecond(of: [.timeWait], model: .fixture(SnapshotFixtures.storm())))
    }

    func testSelectedRowIsHighlightedOnlyInTheFocusedPane() throws {
        var view = ViewState()
        view.focus = .peers
        view.selection[.peers] = 1
        let focused = Dashboard.render(.storm(view: view), width: 80, height: 24)
        let row = try XCTUnwrap(find("10.0.3.22 ", in: focused))
        XCTAssertEqual(focused[row.x, row.y]?.role, .selection)
        XCTAssertEqual(focused[row.x + 20, row.y]?.role, .selection)
        XCTAssertEqual(role(of: "10.0.3.17 ", in: focused), .value)
        XCTAssertEqual(focused[0, row.y - 2]?.role, .focusedBorder)
        view.focus = .ports
        let unfocused = Dashboard.render(.storm(view: view), width: 80, height: 24)
        XCTAssertEqual(role(of: "10.0.3.22 ", in: unfocused), .value)
        XCTAssertEqual(role(of: "10.0.3.17:5432", in: unfocused), .selection)
    }

    func testSelectionBelowTheVisibleRowsScrollsTheTable() {
        var view = ViewState()
        view.focus = .peers
        view.selection[.peers] = 4
        let text = Dashboard.render(.storm(view: view), width: 80, height: 24).text().joined(separator: "\n")
        XCTAssertTrue(text.contains("│2001:db8:40::…   232    30   200     2│"))
        XCTAssertFalse(text.contains("10.0.3.17 "))
    }

    func testASCIIModeDrawsOnlyASCII() {
        var help = ViewState()
        help.helpShown = true
        let models: [DashboardModel] = [.storm(glyphs: .ascii), .storm(view: help, glyphs: .ascii), .idle(glyphs: .ascii),
                                        .fixture(SnapshotFixtures.missingData(), glyphs: .ascii)]
        for model in models {
            for (width, height) in [(80, 24), (120, 40), (60, 30), (40, 10), (20, 5)] {
                let text = Dashboard.render(model, width: width, height: height).text().joined()
                XCTAssertTrue(text.unicodeScalars.allSatisfy(\.isASCII), "\(width)x\(height): \(text.unicodeScalars.filter { !$0.isASCII })")
            }
        }
    }

    func testMissingDataIsShownAsNotAvailableNeverZero() {
        let lines = Dashboard.render(.missing(), width: 80, height: 24).text()
        XCTAssertEqual(lines[1], "┌ States n/a ──────────────────────────┐┌ TIME_WAIT trend ─────────────────────┐")
        XCTAssertEqual(lines[2], "│ESTABLISHED       n/a      n/a        ││now n/a  peak n/a  max n/a            │")
        XCTAssertEqual(lines[3], "│TIME_WAIT         n/a      n/a        ││10┤                                   │")
        XCTAssertEqual(lines[9], "│worst  n/a ░░░░░░░░░░░░░░░░░░░░░░░ n/a││system  n/a ░░░░░░░░░░░░░░░░░░░░░░ n/a│")
        XCTAssertFalse(lines[1...20].joined().contains(" 0 "))
    }

    func testTrendNowIsTheStatesPaneTimeWaitNotSockstat() {
        // sockstat `tw` counts 194 orphaned FIN_WAIT2 minisockets while no socket is in TIME_WAIT.
        var snapshot = SnapshotFixtures.idle()
        snapshot.sockstat?.tw = 194
        snapshot.states?.ipv4[.timeWait] = 0
        snapshot.states?.ipv6?[.timeWait] = 0
        var history = History(windowSeconds: 60, intervalSeconds: 1)
        history.record(snapshot)
        let lines = Dashboard.render(.fixture(snapshot, history: history), width: 120, height: 40).text()
        XCTAssertEqual(lines[2], "│ESTABLISHED        14      n/a ██████████████████▉        ││now 0  peak 0  tcp_max_tw_buckets 32,768"
                       + String(repeating: " ", count: 18) + "│")
        XCTAssertEqual(lines.first { $0.hasPrefix("│TIME_WAIT") }, "│TIME_WAIT           0      n/a" + String(repeating: " ", count: 28)
                       + "││400┤" + String(repeating: " ", count: 54) + "│")
        XCTAssertEqual(TrendPane.series(.fixture(snapshot, history: history)).latest?.value, 0)
    }

    func testTrendReferenceLineOnlyWhenTheLimitIsNearThePeak() {
        XCTAssertEqual(TrendPane.chart(.storm()).reference, 32_768)
        XCTAssertEqual(TrendPane.chart(.storm()).largest, 29_280)
        XCTAssertNil(TrendPane.chart(.idle()).reference)
        XCTAssertEqual(TrendPane.chart(.idle()).largest, 327.68)
        XCTAssertEqual(TrendPane.chart(.fixture(nil)).largest, 10)
    }

    func testHeaderShowsPauseAndAStaleTableOnly() {
        var view = ViewState()
        view.paused = true
        var model = DashboardModel.storm(view: view)
        model.tableAgeSeconds = 0.3   // walked on this tick
        XCTAssertEqual(Dashboard.render(model, width: 120, height: 40).text()[0],
                       " netwatch web-7  kernel 6.18.0-13-cloud-amd64  every 1 s  cost 4.2 ms  via netlink  PAUSED"
                       + String(repeating: " ", count: 21) + "09:26:53")
        model.tableAgeSeconds = 1     // carried from the previous tick
        XCTAssertEqual(Dashboard.render(model, width: 120, height: 40).text()[0],
                       " netwatch web-7  kernel 6.18.0-13-cloud-amd64  every 1 s  cost 4.2 ms  via netlink  PAUSED  table 1s old"
                       + String(repeating: " ", count: 7) + "09:26:53")
        XCTAssertEqual(Dashboard.render(model, width: 40, height: 10).text()[0], " netwatch web-7  PAUSED        09:26:53")
    }

    func testHeaderKeepsTheCaptionAfterTheHostAndCutsItShortLast() {
        var model = DashboardModel.storm()
        model.caption = "2/5 ports to 127.0.0.2:8080 run out"
        XCTAssertEqual(Dashboard.render(model, width: 120, height: 40).text()[0],
                       " netwatch web-7  2/5 ports to 127.0.0.2:8080 run out  every 1 s  cost 4.2 ms  via netlink"
                       + String(repeating: " ", count: 22) + "09:26:53")
        // 60 columns: the other items go first, host included.
        XCTAssertEqual(Dashboard.render(model, width: 60, height: 20).text()[0],
                       " 2/5 ports to 127.0.0.2:8080 run out" + String(repeating: " ", count: 15) + "09:26:53")
        // A caption longer than the room left of the clock is cut there, not dropped.
        model.caption = "5/5 a process nears its fd limit: nw-demo-fds holds 232 of 256"
        XCTAssertEqual(Dashboard.render(model, width: 60, height: 20).text()[0],
                       " 5/5 a process nears its fd limit: nw-demo-fds hol 09:26:53")
    }

    func testAdviceLineShowsTheMostSevereFindingInItsColour() {
        let full = " CRITICAL  ephemeral ports 93% used toward 10.0.3.17:5432, out in ~16 s (+5 more)"
        XCTAssertEqual(Dashboard.render(.storm(), width: 120, height: 40).text()[38], full + "  a: details")
        XCTAssertEqual(Dashboard.render(.storm(), width: 90, height: 40).text()[38], full)
        XCTAssertEqual(Dashboard.render(.storm(), width: 79, height: 24).text()[22],
                       " CRITICAL  ephemeral ports 93% used toward 10.0.3.17:5432, out in ~16 s")
        XCTAssertEqual(Dashboard.render(.idle(), width: 80, height: 24).text()[22], " ok  no problems detected")
        XCTAssertEqual(role(of: "CRITICAL", in: Dashboard.render(.storm(), width: 80, height: 24)), .critical)
        var warningOnly = DashboardModel.idle()
        warningOnly.snapshot?.advice = [Finding(id: "syn_sent", severity: .warning, title: "20 connections stuck in SYN_SENT",
                                                evidence: [], suggestion: [], reference: "tcp(7)")]
        let screen = Dashboard.render(warningOnly, width: 80, height: 24)
        XCTAssertEqual(screen.text()[22], " WARNING  20 connections stuck in SYN_SENT  a: details")
        XCTAssertEqual(role(of: "WARNING", in: screen), .warning)
    }

    func testFooterShowsTheStatusMessageBeforeTheKeyHints() {
        var view = ViewState()
        view.statusMessage = "export failed: /ro: Read-only file system"
        let footer = Dashboard.render(.storm(view: view), width: 80, height: 24).text()[23]
        XCTAssertEqual(footer, " export failed: /ro: Read-only file system  q quit  ? help  a advice  n netns")
    }

    func testTooSmallScreensShowTheSizeNeeded() {
        XCTAssertEqual(Dashboard.render(.storm(), width: 60, height: 9).text()[4], "          netwatch needs at least 40×10 (now 60×9)")
        XCTAssertEqual(Dashboard.render(.storm(), width: 39, height: 30).text()[14], "         need 40×10, now 39×30")
        XCTAssertEqual(Dashboard.render(.storm(), width: 5, height: 5).text(), ["", "", "need", "", ""])
        XCTAssertEqual(Dashboard.render(.storm(glyphs: .ascii), width: 20, height: 1).text(), ["need 40x10, now 20x1"])
        XCTAssertEqual(Dashboard.render(.storm(), width: 0, height: 0).text(), [])
    }

    func testEverySizeRendersWithoutTrapping() {
        var view = ViewState()
        view.focus = .peers
        view.selection[.peers] = 4
        view.helpShown = true
        let storm = DashboardModel.storm(view: view)
        for width in 0...130 {
            for height in 0...45 {
                let lines = Dashboard.render(storm, width: width, height: height).text()
                XCTAssertEqual(lines.count, height)
                XCTAssertTrue(lines.allSatisfy { $0.unicodeScalars.count <= width }, "\(width)x\(height)")
            }
        }
    }

    func testMissingDataRendersAtSizesAcrossTheRange() {
        let missing = DashboardModel.missing()
        for width in stride(from: 0, through: 130, by: 3) {
            for height in stride(from: 0, through: 45, by: 2) {
                XCTAssertEqual(Dashboard.render(missing, width: width, height: height).text().count, height)
            }
        }
    }

    func testUnknownOwnersSayWhy() {
        let target = DrillTarget.destination(address: SnapshotFixtures.database, port: 5432)
        var report = DrillReport(snapshot: SnapshotFixtures.stormDrill(target), target: target)
        XCTAssertEqual(report.ownerUnknown, 1)
        func note() -> String { DrillView.notes(report).map { $0.long.map(\.text).joined() }.joined(separator: " | ") }
        XCTAssertTrue(note().contains("1 sockets without owner: 3 processes' fds not readable (run as root)"), note())
        report.ownersUnreadableProcesses = 0
        XCTAssertTrue(note().contains("1 sockets without owner: closed before they were looked up, or held outside this PID namespace"),
                      note())
        XCTAssertFalse(note().contains("root"), note())
        report.ownersUnreadableProcesses = nil
        XCTAssertTrue(note().contains("1 sockets whose owners were not looked up"), note())
    }
}
