import NetwatchCore
import NetwatchUI
import TestSupport
import XCTest

/// Drill views, the filter prompt and the filtered trend, compared with `__Snapshots__/*.txt`.
final class DrillSnapshotTests: XCTestCase {
    private func drill(_ target: DrillTarget, socketLimit: Int = 100, selection: Int = 0) -> DashboardModel {
        var view = ViewState()
        view.drill = target
        view.drillSelection = selection
        return .fixture(SnapshotFixtures.stormDrill(target, socketLimit: socketLimit), previous: SnapshotFixtures.stormPrevious(),
                        history: SnapshotFixtures.stormHistory(), view: view)
    }

    private static let destination = DrillTarget.destination(address: SnapshotFixtures.database, port: 5432)

    func testServerPort() {
        for (width, height) in [(80, 24), (120, 40)] {
            assertTextSnapshot(Dashboard.render(drill(.serverPort(8080)), width: width, height: height),
                               named: "drill-server-8080-\(width)x\(height)")
        }
    }

    func testDestinationWithKernelHeldAndUnknownOwners() {
        for (width, height) in [(80, 24), (120, 40)] {
            assertTextSnapshot(Dashboard.render(drill(Self.destination, selection: 1), width: width, height: height),
                               named: "drill-destination-\(width)x\(height)")
        }
    }

    /// Enter on nginx's row of the fd table: fds against its limits with their trend and time to
    /// the limit, its sockets by state, its listener's queue, its connections by listener.
    func testProcess() {
        for (width, height) in [(80, 24), (120, 40)] {
            assertTextSnapshot(Dashboard.render(drill(.process(pid: 812)), width: width, height: height),
                               named: "drill-process-812-\(width)x\(height)")
        }
    }

    func testPeer() {
        for (width, height) in [(80, 24), (120, 40)] {
            assertTextSnapshot(Dashboard.render(drill(.peer(SnapshotFixtures.database)), width: width, height: height),
                               named: "drill-peer-\(width)x\(height)")
        }
    }

    func testLocalPort() {
        assertTextSnapshot(Dashboard.render(drill(.localPort(40_001)), width: 80, height: 24), named: "drill-local-40001-80x24")
    }

    func testShowingNOfMSortedByExpiry() {
        var model = drill(Self.destination, socketLimit: 3)
        model.view.drillSort = .expiry
        assertTextSnapshot(Dashboard.render(model, width: 80, height: 24), named: "drill-destination-capped-80x24")
    }

    func testCollectingBeforeTheFirstSnapshotForTheTarget() {
        var view = ViewState()
        view.drill = .serverPort(443)
        assertTextSnapshot(Dashboard.render(.storm(view: view), width: 80, height: 24), named: "drill-collecting-80x24")
    }

    func testPromptWithAnError() {
        var view = ViewState()
        view.prompt = FilterPrompt(text: "80,44x", error: "invalid port list '80,44x': '44x' is not a number")
        assertTextSnapshot(Dashboard.render(.storm(view: view), width: 80, height: 24), named: "prompt-error-80x24")
    }

    func testFilteredTrend() throws {
        var history = SnapshotFixtures.stormHistory()
        for second in 0..<60 {
            history.append(HistoryPoint(time: SnapshotFixtures.takenAt.addingTimeInterval(Double(second - 59)), value: Double(second * 10)),
                           toScope: "443")
        }
        var view = ViewState()
        view.filter = try PortSet.parse("443")
        let model = DashboardModel.fixture(SnapshotFixtures.storm(), previous: SnapshotFixtures.stormPrevious(), history: history, view: view)
        assertTextSnapshot(Dashboard.render(model, width: 80, height: 24), named: "trend-filtered-80x24")
    }

    func testEverySizeWithADrillOpenStaysInsideTheScreen() {
        let targets: [DrillTarget] = [.serverPort(8080), Self.destination, .peer(SnapshotFixtures.database), .localPort(40_001)]
        for target in targets {
            var model = drill(target, selection: 3)
            model.view.prompt = target == .serverPort(8080) ? FilterPrompt(text: "1,2,3", error: "an error") : nil
            for width in stride(from: 0, through: 130, by: 3) {
                for height in 0...45 {
                    let buffer = Dashboard.render(model, width: width, height: height)
                    XCTAssertEqual(buffer.text().count, max(0, height), "\(target) \(width)x\(height)")
                    XCTAssertTrue(buffer.text().allSatisfy { $0.unicodeScalars.count <= width }, "\(target) \(width)x\(height)")
                }
            }
        }
    }

    func testDrillNotes() throws {
        let model = drill(Self.destination, socketLimit: 3)
        let screen = Dashboard.render(model, width: 120, height: 40).text().joined(separator: "\n")
        XCTAssertTrue(screen.contains("showing 3 of 6"), screen)
        let full = Dashboard.render(drill(Self.destination), width: 120, height: 40).text().joined(separator: "\n")
        XCTAssertTrue(full.contains("1 sockets without owner: 3 processes' fds not readable (run as root)"), full)
        XCTAssertTrue(full.contains("kernel"), full)
        XCTAssertTrue(full.contains("55.2s"), full)
        XCTAssertTrue(full.contains("unknown"), full)
        XCTAssertTrue(full.contains("2201 java"), full)
    }
}
