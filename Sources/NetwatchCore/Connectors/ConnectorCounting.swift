/// A source of kernel-counted connections per process (the eBPF connection tracer), read once
/// per collection pass.
public protocol ConnectorCounting: AnyObject {
    /// The cumulative counts now.
    func read() -> ConnectorCounts
    /// Stops counting and releases what the kernel holds for it.
    func close()
}
