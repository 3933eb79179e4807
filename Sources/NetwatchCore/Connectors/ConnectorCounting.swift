/// A source of kernel-counted connections per process (the eBPF connection tracer), read once
/// per collection pass.
public protocol ConnectorCounting: AnyObject {
    /// The cumulative counts now.
    func read() -> ConnectorCounts
    /// What the status line and the JSON warnings should say about how it counts (a fallback
    /// with a cost), or `nil`.
    var notice: String? { get }
    /// Stops counting and releases what the kernel holds for it.
    func close()
}
