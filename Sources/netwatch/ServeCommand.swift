import Dispatch
import Glibc
import NIOCore
import NIOPosix
import NetwatchCommandLine
import NetwatchCore
import NetwatchExporter
import NetwatchLinux

/// `netwatch serve`: a Prometheus exporter of what `netwatch snapshot` sees, collected on scrape.
struct ServeCommand: NetwatchCommand {
    /// Not claimed on the Prometheus default port allocation list (see README, "Monitoring a fleet").
    static let defaultListen = "127.0.0.1:10179"

    static let listen = ArgumentSpec.option(
        "listen", valueName: "ADDR:PORT", default: defaultListen,
        help: "Address and port to listen on (IPv6 as [::1]:PORT); loopback unless told.")
    static let top = ArgumentSpec.option(
        "top", valueName: "N", .integer, default: "50",
        help: "Destinations, processes and listeners exported, each (bounds the series per host).")
    static let minInterval = ArgumentSpec.option(
        "min-interval", valueName: "SECONDS", .decimal, default: "2",
        help: "Scrapes within SECONDS of a collection share it instead of collecting again.")
    static let spec = CommandSpec(
        name: "serve",
        abstract: "Serve Prometheus metrics (/metrics) of the host's TCP state, collected on scrape.",
        arguments: [listen, top, minInterval, ProcRootArgument.tcpSource]
    )

    var address: ListenAddress
    var top: Int
    var minInterval: Double
    var procRoot: String?

    init(_ arguments: ParsedArguments) throws {
        top = arguments.integer(Self.top) ?? 50
        minInterval = arguments.decimal(Self.minInterval) ?? 2
        procRoot = arguments.text(ProcRootArgument.tcpSource)
        guard (1...1000).contains(top) else { throw UsageError.invalid("--top \(top): expected a number from 1 to 1000") }
        guard minInterval.isFinite, (0...3600).contains(minInterval) else {
            throw UsageError.invalid("--min-interval \(minInterval): expected seconds from 0 to 3600")
        }
        address = try ListenAddress.parse(arguments.text(Self.listen) ?? Self.defaultListen)
    }

    func run() throws {
        // No eBPF tracer here: its programs run on every TCP state change of the host (and, where
        // the kernel refuses fexit, on every system call's exit), which a dashboard opened during
        // an incident may do but an exporter left running should not.
        let collector = SerialCollector(try ProcRootArgument.collector(option: procRoot, environment: ProcessEnvironment.current()),
                                        top: top)
        let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        let pool = NIOThreadPool(numberOfThreads: 1)
        pool.start()
        defer {
            // The pool first: a collection in flight completes its scrapes on a loop still running.
            try? pool.syncShutdownGracefully()
            try? group.syncShutdownGracefully()
        }
        let cache = ScrapeCache(minimumInterval: .nanoseconds(Int64(minInterval * 1e9)), top: top, pool: pool,
                                collect: collector.snapshot)
        let server = try MetricsServer(host: address.host, port: address.port, cache: cache, group: group)
        let stop = SignalStop(signals: [SIGTERM, SIGINT]) { server.close() }
        StandardDescriptors.say("netwatch serve: listening on http://\(server.addressText)/metrics", on: STDOUT_FILENO)
        server.waitUntilClosed()
        withExtendedLifetime(stop) {}
    }
}

/// `ADDR:PORT` (`127.0.0.1:10179`, `[::1]:10179`, `0.0.0.0:10179`; port 0 lets the kernel choose).
struct ListenAddress: Equatable {
    var host: String
    var port: Int

    static func parse(_ text: String) throws(UsageError) -> ListenAddress {
        let bad = UsageError.invalid("--listen \(text): expected ADDR:PORT, e.g. 127.0.0.1:10179 or [::1]:10179")
        guard let colon = text.lastIndex(of: ":"), let port = Int(text[text.index(after: colon)...]), (0...65535).contains(port) else {
            throw bad
        }
        var host = String(text[..<colon])
        if host.hasPrefix("["), host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        guard IPAddress(host) != nil else { throw bad }
        return ListenAddress(host: host, port: port)
    }
}

/// The collector behind the exporter. The scrape cache calls it from its one collection thread,
/// one call at a time, which is what makes sharing the non-Sendable collector safe.
final class SerialCollector: @unchecked Sendable {
    private let collector: Collector
    private let top: Int

    init(_ collector: Collector, top: Int) {
        self.collector = collector
        self.top = top
    }

    @Sendable func snapshot() -> Snapshot {
        let options = SnapshotBuilder.Options(top: top, advice: nil)
        return SnapshotBuilder.build(collector.collect(CollectRequest(for: options)), previous: nil, options: options)
    }
}

/// Runs `action` once when one of `signals` arrives (instead of the default of dying at once).
final class SignalStop {
    private let sources: [any DispatchSourceSignal]

    init(signals: [Int32], action: @escaping @Sendable () -> Void) {
        sources = signals.map { number in
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler(handler: action)
            source.resume()
            return source
        }
    }
}
