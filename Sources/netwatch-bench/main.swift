import Dispatch
import FoundationEssentials
import Glibc
import NetwatchCore

// netwatch-bench sockdiag TREE FRAMES4 FRAMES6: see SockDiagScale.
//
// netwatch-bench history SNAPSHOT.json WINDOW_SECONDS INTERVAL_SECONDS
// netwatch-bench walk RUNS   (the socket walk with and without tcp_info: WalkBenchmark.swift)
//
// Fills a dashboard History with one snapshot per tick on a synthetic clock (no sleeping: each
// tick's time is computed), for the whole window plus an hour, and prints what it costs: the
// bytes History.bytes computes, how much the process's RSS grew while the window filled, and the
// time per recorded tick. Used by scripts/bench-history.sh.

func residentKilobytes() -> Int {
    let statm = (try? String(contentsOfFile: "/proc/self/statm", encoding: .utf8)) ?? ""
    let pages = statm.split(separator: " ").dropFirst().first.flatMap { Int($0) } ?? 0
    return pages * sysconf(Int32(_SC_PAGESIZE)) / 1024
}

func sayError(_ text: String) {
    var text = text
    text.withUTF8 { _ = write(STDERR_FILENO, $0.baseAddress, $0.count) }
}

let arguments = CommandLine.arguments
if arguments.count > 1 && arguments[1] == "sockdiag" { exit(SockDiagScale.run(Array(arguments.dropFirst(2)))) }
if arguments.count == 3, arguments[1] == "walk", let runs = Int(arguments[2]), runs > 0 {
    WalkBenchmark.run(runs: runs)
    exit(0)
}
guard arguments.count == 5, arguments[1] == "history", let window = Double(arguments[3]), let interval = Double(arguments[4]) else {
    sayError("usage: netwatch-bench history SNAPSHOT.json WINDOW_SECONDS INTERVAL_SECONDS | walk RUNS | sockdiag TREE FRAMES4 FRAMES6\n")
    exit(2)
}
let text: String
var snapshot: Snapshot
do {
    text = try String(contentsOfFile: arguments[2], encoding: .utf8)
    snapshot = try SnapshotDecoder.decode(text)
} catch {
    sayError("netwatch-bench: \(arguments[2]): \(error)\n")
    exit(1)
}
let start = snapshot.takenAt
let ticks = Int(((window + 3600) / interval).rounded(.up))
let rssBefore = residentKilobytes()
var history = History(windowSeconds: window, intervalSeconds: interval)
let began = DispatchTime.now().uptimeNanoseconds
for tick in 0..<ticks {
    snapshot.takenAt = start.addingTimeInterval(Double(tick) * interval)
    snapshot.sockstat?.tw = 20_000 + tick % 5_000
    history.record(snapshot)
}
let elapsed = Double(DispatchTime.now().uptimeNanoseconds - began) / 1e9
let rssAfter = residentKilobytes()
let points = HistorySeries.allCases.reduce(0) { $0 + history[$1].count }
print(CFormat.string("window %6.0f s  interval %4.1f s  ticks %7ld  points %8ld  computed %6.2f MB  RSS +%6.2f MB  %5.2f µs/tick",
             window, interval, ticks, points, Double(History.bytes(windowSeconds: window, intervalSeconds: interval)) / 1e6,
             Double(rssAfter - rssBefore) / 1e3, elapsed / Double(ticks) * 1e6))
