import ArgumentParser
import FoundationEssentials
import Glibc
import NetwatchCore
import NetwatchExporter
import NetwatchLinux

/// `netwatch snapshot`: one `netwatch.snapshot/1` JSON document to stdout or a file.
struct SnapshotCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "snapshot",
        abstract: "Print one JSON snapshot (schema netwatch.snapshot/1) of the host's TCP state."
    )

    @Option(name: [.short, .long], parsing: .unconditional, help: ArgumentHelp("Only sockets whose local or remote port is in PORTS (80, 80,443, 8000-8100).", valueName: "PORTS"))
    var port: String?

    @Option(parsing: .unconditional, help: ArgumentHelp("Rows kept in each list (peers, destinations, listeners, processes, sockets); default 100, 50 for prometheus.", valueName: "N"))
    var top: Int?

    @Option(help: ArgumentHelp("json, or prometheus: the exporter's metrics in the text format, for node_exporter's textfile collector.", valueName: "FORMAT"))
    var format: SnapshotFormat = .json

    @Option(parsing: .unconditional, help: ArgumentHelp("Seconds between the two counter samples used for rates; 0 gives null rates at once (default 1).", valueName: "SECONDS"), transform: NumberArgument.decimal)
    var sample: Double = 1

    @Flag(help: "Indent the JSON.")
    var pretty = false

    @Option(name: [.short, .customLong("output")], help: ArgumentHelp("Write to FILE instead of stdout: a regular file is replaced atomically, keeping its mode and owner; a device or FIFO is written as it is; a symlink is followed only to your own file.", valueName: "FILE"))
    var output: String?

    @Option(help: ArgumentHelp("Read kernel files under DIR instead of /proc (env NETWATCH_PROC_ROOT); implies the /proc/net/tcp source.", valueName: "DIR"))
    var procRoot: String?

    @OptionGroup var config: ConfigOptions

    @OptionGroup var namespace: NamespaceOptions

    @Flag(help: "Print one summary per network namespace on the host instead (schema netwatch.namespaces/1); entering other namespaces needs root.")
    var allNetns = false
    @OptionGroup var tracing: TracingOptions

    func validate() throws {
        if let top, !(1...1_000_000).contains(top) { throw ValidationError("--top \(top): expected a number from 1 to 1000000") }
        guard sample.isFinite, (0...3600).contains(sample) else {
            throw ValidationError("--sample \(sample): expected seconds from 0 to 3600")
        }
        if let port { _ = try PortArgument.parse(port) }
        if output?.isEmpty == true { throw ValidationError("-o: expected a file path, not an empty string") }
        if allNetns, let other = [(namespace.netns, "--netns"), (procRoot, "--proc-root"), (port, "--port")].first(where: { $0.0 != nil }) {
            throw ValidationError("--all-netns cannot be combined with \(other.1)")
        }
    }

    func run() throws {
        let environment = ProcessInfo.processInfo.environment
        let filter = try port.map(PortArgument.parse)
        let thresholds = try config.load().advice
        // Open the output first: an unwritable -o fails before any sampling.
        let file = try output.map { try OutputFile(path: $0) } ?? OutputFile(descriptor: STDOUT_FILENO)
        if allNetns { return try write(overview(thresholds: thresholds), to: file) }
        let collector = try namespace.collector(procRoot: procRoot, environment: environment)
        tracing.attach(to: collector, skip: sample == 0 ? "--sample 0 leaves no interval to count connects in" : nil)
        defer { collector.connectorCounter?.close() }
        let sampler = SnapshotSampler(clock: SystemClock(), collect: collector.collect)
        let rows = top ?? (format == .prometheus ? 50 : 100)
        let snapshot = sampler.snapshot(sampleSeconds: sample, options: .init(top: rows, filter: filter, advice: thresholds))
        switch format {
        case .json: try write(SnapshotEncoder.encode(snapshot), to: file)
        case .prometheus:
            try file.commit(Array(ExpositionEncoder.encode(SnapshotMetrics.families(snapshot, top: rows), format: .prometheusText).utf8))
        }
    }

    /// `--all-netns`: every namespace's summary; with `--sample` > 0 two passes, so rates and
    /// destination growth cover that interval.
    private func overview(thresholds: AdviceThresholds) throws -> JSONValue {
        let monitor: NamespaceMonitor
        do {
            monitor = try NamespaceMonitor(thresholds: thresholds)
        } catch {
            throw DashboardExit(status: 1, message: "\(error)")
        }
        var kernel = [String]()
        let host = KernelReaders(root: ProcRoot()).host(&kernel)
        if sample > 0 {
            _ = monitor.overview()
            SystemClock().sleep(seconds: sample)
        }
        return NamespaceOverviewEncoder.encode(monitor.overview(), takenAt: Date(), hostName: host.name, kernel: host.kernel,
                                               intervalSeconds: sample > 0 ? sample : nil)
    }

    private func write(_ document: JSONValue, to file: OutputFile) throws {
        try file.commit(Array((document.serialized(pretty: pretty) + "\n").utf8))
    }
}

/// What `netwatch snapshot` writes.
enum SnapshotFormat: String, ExpressibleByArgument, CaseIterable {
    case json
    case prometheus
}

/// `--port` text → ``PortSet``, with the error naming the option.
enum PortArgument {
    static func parse(_ text: String) throws -> PortSet {
        do {
            return try PortSet.parse(text)
        } catch {
            throw ValidationError("--port: \(error)")
        }
    }
}
