/// Time and waiting for the generator, injected so that pacing can be tested without sleeping.
///
/// Instants are nanoseconds on a monotonic clock with an arbitrary origin; only differences matter.
public protocol LoadClock: AnyObject {
    /// The current instant, in nanoseconds.
    func now() -> UInt64
    /// Waits until `deadline` (an instant from ``now()``). Returns true when the deadline passed,
    /// false as soon as a stop is requested (the caller then winds down).
    func wait(until deadline: UInt64) -> Bool
    /// True once a stop has been requested, without waiting.
    func stopRequested() -> Bool
}

extension UInt64 {
    /// `seconds` as a ``LoadClock`` interval, in nanoseconds.
    static func nanoseconds(seconds: Int) -> UInt64 { UInt64(seconds) * 1_000_000_000 }
}
