import Foundation
import NetwatchCore
import NetwatchUI
import TestSupport

extension DashboardModel {
    /// A model at the fixtures' time, clock in UTC so snapshots do not depend on the machine.
    static func fixture(_ snapshot: Snapshot?, previous: Snapshot? = nil, history: History? = nil,
                        view: ViewState = ViewState(), glyphs: GlyphMode = .unicode, tableAge: Double? = nil) -> DashboardModel {
        DashboardModel(snapshot: snapshot, previous: previous,
                       history: history ?? History(windowSeconds: 300, intervalSeconds: 1), view: view,
                       themeName: "default", tableAgeSeconds: tableAge, glyphMode: glyphs,
                       clock: SnapshotFixtures.takenAt, timeZone: .utc)
    }

    static func storm(view: ViewState = ViewState(), glyphs: GlyphMode = .unicode) -> DashboardModel {
        fixture(SnapshotFixtures.storm(), previous: SnapshotFixtures.stormPrevious(),
                history: SnapshotFixtures.stormHistory(), view: view, glyphs: glyphs)
    }

    static func idle(glyphs: GlyphMode = .unicode) -> DashboardModel {
        fixture(SnapshotFixtures.idle(), previous: SnapshotFixtures.idlePrevious(), history: SnapshotFixtures.idleHistory(),
                glyphs: glyphs)
    }

    static func missing() -> DashboardModel {
        fixture(SnapshotFixtures.missingData())
    }
}
