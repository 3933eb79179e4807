import NetwatchUI

/// Where the dashboard's frames come from: the live collector (``LiveFeed``) or a recording
/// (``ReplayFeed``). The run loop (``DashboardSession``) owns the terminal, keys and signals and
/// asks the feed for each frame.
protocol DashboardFeed: AnyObject {
    /// When ``update(_:now:)`` should next run, in the session clock's seconds.
    var nextTick: Double { get }
    /// A descriptor to wait on besides keys and signals (a replayed pipe), or -1.
    var pollDescriptor: Int32 { get }
    /// The header shows the wall clock (live) rather than the frame's own time (replay).
    var showsWallClock: Bool { get }
    /// Why the feed cannot go on (a recording from a newer netwatch); the session then ends
    /// with this message and status 1.
    var failure: String? { get }
    /// Brings `model` up to date: snapshot, previous snapshot, history, table age. Returns whether
    /// it changed anything (the screen is then drawn again).
    func update(_ model: inout DashboardModel, now: Double) -> Bool
    /// Takes the keys that are the feed's own (replay navigation) before the dashboard's;
    /// returns whether `key` was taken.
    func handle(_ key: Key, model: inout DashboardModel, now: Double) -> Bool
    /// The port filter or the drill target changed to what `view` holds; returns a status line
    /// to show, if any.
    func viewChanged(_ view: ViewState, now: Double) -> String?
    /// `+`/`-`: returns the status line to show.
    func changeInterval(to seconds: Double, model: inout DashboardModel, now: Double) -> String
}
