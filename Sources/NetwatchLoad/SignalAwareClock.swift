import Glibc

/// The real ``LoadClock``: `CLOCK_MONOTONIC` for time, and SIGTERM or SIGINT as the stop request.
///
/// Creating it blocks both signals in the calling thread (threads started later inherit the mask),
/// so they stay pending instead of killing the process; ``wait(until:)`` sleeps in `sigtimedwait`,
/// which returns early when one arrives. Create it first, before any other thread exists.
public final class SignalAwareClock: LoadClock {
    private var stopSignals = sigset_t()
    private var stopped = false

    public init() {
        sigemptyset(&stopSignals)
        sigaddset(&stopSignals, SIGTERM)
        sigaddset(&stopSignals, SIGINT)
        pthread_sigmask(SIG_BLOCK, &stopSignals, nil)
    }

    public func now() -> UInt64 {
        var time = timespec()
        clock_gettime(CLOCK_MONOTONIC, &time)
        return UInt64(time.tv_sec) * 1_000_000_000 + UInt64(time.tv_nsec)
    }

    public func wait(until deadline: UInt64) -> Bool {
        while !stopped {
            let current = now()
            if current >= deadline { return true }
            let remaining = deadline - current
            var timeout = timespec(tv_sec: Int(remaining / 1_000_000_000), tv_nsec: Int(remaining % 1_000_000_000))
            stopped = sigtimedwait(&stopSignals, nil, &timeout) > 0
        }
        return false
    }

    public func stopRequested() -> Bool {
        if !stopped {
            var immediately = timespec(tv_sec: 0, tv_nsec: 0)
            stopped = sigtimedwait(&stopSignals, nil, &immediately) > 0
        }
        return stopped
    }
}
