import Glibc

/// Time for a loop that runs until told to stop: a monotonic reading and a wait that ends early
/// on a stop request. Tests inject a fake.
public protocol StopClock {
    /// Seconds on a monotonic clock.
    func now() -> Double
    /// Waits until `deadline` (seconds on ``now()``'s clock); `false` when a stop was requested,
    /// at once if one is already pending.
    func wait(until deadline: Double) -> Bool
}

/// SIGINT and SIGTERM as stop requests, `CLOCK_MONOTONIC` for time.
///
/// Creating it blocks both signals in the calling thread (threads started later inherit the
/// mask), so they stay pending instead of killing the process mid-write; ``wait(until:)`` sleeps
/// in `sigtimedwait`, which returns as soon as one is pending. Create it before any other thread.
public final class SignalStopClock: StopClock {
    private var signals = sigset_t()
    private var stopped = false

    public init() {
        sigemptyset(&signals)
        sigaddset(&signals, SIGINT)
        sigaddset(&signals, SIGTERM)
        pthread_sigmask(SIG_BLOCK, &signals, nil)
    }

    public func now() -> Double { SystemClock().now() }

    public func wait(until deadline: Double) -> Bool {
        repeat {
            let remaining = max(0, deadline - now())
            var timeout = timespec(tv_sec: Int(remaining), tv_nsec: Int((remaining - remaining.rounded(.down)) * 1e9))
            if sigtimedwait(&signals, nil, &timeout) > 0 { stopped = true }
        } while !stopped && now() < deadline
        return !stopped
    }
}
