import CNetlink
import Glibc
import NetwatchLinux
import NetwatchLoad

/// Plays a ``DemoScript`` on a clock: starts each step's worker (`netwatch demo-worker INDEX`, this
/// same executable) when its second comes, reaps workers that end, stops the rest at the script's
/// end, and says what the header shows. Runs on the dashboard's thread, one ``advance()`` per tick.
///
/// Workers are born in the demo's namespace, with stdio on /dev/null (the terminal belongs to the
/// dashboard), and each asks the kernel for SIGKILL when this process ends, so none outlives it.
final class DemoConductor {
    /// Seconds ``stop()`` waits for workers to end after SIGTERM before it sends SIGKILL.
    static let stopGraceSeconds = 3.0

    private let script: DemoScript
    private let clock: SampleClock
    /// When the script started (the first ``advance()``); nil before.
    private var startedAt: Double?
    /// Steps started so far, a prefix of the script's steps.
    private var launched = 0
    /// Running workers: pid → step name.
    private var workers = [pid_t: String]()
    /// Workers that could not start or ended badly, in words, for the header.
    private var failures = [String]()
    private var ended = false

    init(script: DemoScript, clock: SampleClock) {
        (self.script, self.clock) = (script, clock)
    }

    /// Starts the steps that are due, reaps ended workers, stops them all once the script is over,
    /// and returns the caption for the header (with any worker failure after it).
    func advance() -> String {
        let now = clock.now()
        let elapsed = now - (startedAt ?? now)
        startedAt = startedAt ?? now
        while launched < script.stepsDue(atSecond: elapsed) {
            launch(launched)
            launched += 1
        }
        reap(blocking: false)
        if elapsed >= Double(script.end), !ended {
            ended = true
            signalWorkers(SIGTERM)
        }
        return ([script.caption(atSecond: elapsed)] + failures).joined(separator: " · ")
    }

    /// Ends every worker: SIGTERM, up to ``stopGraceSeconds`` for them to close their sockets and
    /// exit, then SIGKILL for any left; all are reaped before this returns.
    func stop() {
        signalWorkers(SIGTERM)
        let deadline = clock.now() + Self.stopGraceSeconds
        while !workers.isEmpty, clock.now() < deadline {
            reap(blocking: false)
            if !workers.isEmpty { clock.sleep(seconds: 0.01) }
        }
        signalWorkers(SIGKILL)
        reap(blocking: true)
    }

    private func launch(_ index: Int) {
        let step = script.steps[index]
        let arguments = ["netwatch", "demo-worker", String(index), "--parent", String(getpid())]
        var argv: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) } + [nil]
        defer { for pointer in argv { free(pointer) } }
        var pid = pid_t()
        let result = cns_spawn_quiet("/proc/self/exe", &argv, &pid)
        if result == 0 {
            workers[pid] = step.name
        } else {
            failures.append("\(step.name) did not start: \(String(cString: strerror(result)))")
        }
    }

    /// Collects ended workers, noting those that failed; with `blocking`, waits for all of them.
    private func reap(blocking: Bool) {
        for pid in Array(workers.keys) {
            var status: Int32 = 0
            var result: pid_t
            repeat { result = waitpid(pid, &status, blocking ? 0 : WNOHANG) } while result < 0 && errno == EINTR
            guard result == pid || (result < 0 && errno == ECHILD) else { continue }
            let name = workers.removeValue(forKey: pid) ?? "worker"
            // WIFEXITED / WEXITSTATUS / WTERMSIG, which Swift does not import. A worker stopped by
            // this conductor's own SIGKILL or SIGTERM is not a failure.
            let signal = status & 0x7f
            let exitStatus = (status >> 8) & 0xff
            if result == pid, signal == 0, exitStatus != 0 {
                failures.append("\(name) failed (exit \(exitStatus))")
            } else if result == pid, signal != 0, signal != SIGKILL, signal != SIGTERM {
                failures.append("\(name) died of signal \(signal)")
            }
        }
    }

    private func signalWorkers(_ signal: Int32) {
        for pid in workers.keys { kill(pid, signal) }
    }
}
