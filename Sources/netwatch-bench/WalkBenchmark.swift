import Glibc
import NetwatchCore
import NetwatchLinux

/// `netwatch-bench walk RUNS`: the collector's socket walk (both families' dumps and the
/// aggregation, as on the dashboard's walk cadence) with connection health, asking sock_diag for
/// every socket's `tcp_info`, and without, interleaved RUNS times; prints the medians and their
/// ratio. Used by scripts/bench-health.sh.
enum WalkBenchmark {
    static func run(runs: Int) {
        let collector = Collector(root: ProcRoot(path: "/proc"), useNetlink: true)
        var without = [Double](), with = [Double]()
        var sockets = 0
        for _ in 0..<runs {
            for health in [false, true] {
                var request = CollectRequest(processes: false, owners: false, listeners: true)
                request.connectionHealth = health
                let sample = collector.collect(request)
                sockets = sample.table?.total.total ?? 0
                if health { with.append(sample.timings.socketsMs) } else { without.append(sample.timings.socketsMs) }
            }
        }
        let plain = median(without), extended = median(with)
        print("sockets \(sockets), \(runs) runs each, interleaved")
        print("walk without tcp_info  median \(milliseconds(plain)) ms")
        print("walk with tcp_info     median \(milliseconds(extended)) ms  (\(ratio(extended / plain))x the walk without)")
    }

    static func median(_ values: [Double]) -> Double {
        let sorted = values.sorted()
        return sorted.isEmpty ? 0 : sorted[sorted.count / 2]
    }

    static func milliseconds(_ value: Double) -> String { String((value * 10).rounded() / 10) }

    static func ratio(_ value: Double) -> String { String((value * 100).rounded() / 100) }
}
