/// A source of kernel-counted connections per process (the eBPF connection tracer), read once
/// per collection pass.
public protocol ConnectorCounting: AnyObject {
    /// The cumulative counts now.
    func read() -> ConnectorCounts
    /// What the status line and the JSON warnings should say about how it counts (a fallback
    /// with a cost), or `nil`.
    var notice: String? { get }
    /// `true` where accept() results cost only accept calls and are counted all along; `false`
    /// where watching them costs every system call, and ``watchAcceptResults(_:)`` turns it on
    /// and off (``AcceptWatchPolicy``).
    var watchesAcceptsAlways: Bool { get }
    /// Whether accept() results are being counted now.
    var acceptResultsWatched: Bool { get }
    /// Starts or stops counting accept() results where that is on demand; otherwise nothing.
    func watchAcceptResults(_ watch: Bool)
    /// Stops counting and releases what the kernel holds for it.
    func close()
}
