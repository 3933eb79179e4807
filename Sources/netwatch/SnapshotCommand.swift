import FoundationEssentials
import Glibc
import NetwatchCommandLine
import NetwatchCore
import NetwatchExporter
import NetwatchLinux

/// `netwatch snapshot`: one `netwatch.snapshot/1` JSON document to stdout or a file.
struct SnapshotCommand: NetwatchCommand {
    static let top = ArgumentSpec.option(
        "top", valueName: "N", .integer,
        help: "Rows kept in each list (peers, destinations, listeners, processes, sockets); default 100, 50 for prometheus.")
    static let format = ArgumentSpec.option(
        "format", valueName: "FORMAT", .choice(SnapshotFormat.allCases.map(\.rawValue)), default: SnapshotFormat.json.rawValue,
        help: "json, or prometheus: the exporter's metrics in the text format, for node_exporter's textfile collector.")
    static let sample = ArgumentSpec.option(
        "sample", valueName: "SECONDS", .decimal,
        help: "Seconds between the two counter samples used for rates; 0 gives null rates at once (default 1).")
    static let pretty = ArgumentSpec.flag("pretty", help: "Indent the JSON.")
    static let output = ArgumentSpec.option(
        "output", short: "o", valueName: "FILE", completion: .file,
        help: "Write to FILE instead of stdout: a regular file is replaced atomically, keeping its mode and owner; a device or FIFO is written as it is; a symlink is followed only to your own file.")
    static let allNetns = ArgumentSpec.flag(
        "all-netns",
        help: "Print one summary per network namespace on the host instead (schema netwatch.namespaces/1); entering other namespaces needs root.")
    static let spec = CommandSpec(
        name: "snapshot",
        abstract: "Print one JSON snapshot (schema netwatch.snapshot/1) of the host's TCP state.",
        arguments: [PortArgument.filter, top, format, sample, pretty, output, ProcRootArgument.tcpSource] + ConfigOptions.arguments
            + NamespaceOptions.arguments + [allNetns] + TracingOptions.arguments
    )

    var port: String?
    var top: Int?
    var format: SnapshotFormat
    var sample: Double
    var pretty: Bool
    var output: String?
    var procRoot: String?
    var config: ConfigOptions
    var namespace: NamespaceOptions
    var allNetns: Bool
    var tracing: TracingOptions

    init(_ arguments: ParsedArguments) throws {
        port = arguments.text(PortArgument.filter)
        top = arguments.integer(Self.top)
        format = arguments.text(Self.format).flatMap(SnapshotFormat.init) ?? .json
        sample = arguments.decimal(Self.sample) ?? 1
        pretty = arguments.flag(Self.pretty)
        output = arguments.text(Self.output)
        procRoot = arguments.text(ProcRootArgument.tcpSource)
        config = ConfigOptions(arguments)
        namespace = NamespaceOptions(arguments)
        allNetns = arguments.flag(Self.allNetns)
        tracing = TracingOptions(arguments)
        try validate()
    }

    private func validate() throws(UsageError) {
        if let top, !(1...1_000_000).contains(top) { throw .invalid("--top \(top): expected a number from 1 to 1000000") }
        guard sample.isFinite, (0...3600).contains(sample) else {
            throw .invalid("--sample \(sample): expected seconds from 0 to 3600")
        }
        if let port { _ = try PortArgument.parse(port) }
        if output?.isEmpty == true { throw .invalid("-o: expected a file path, not an empty string") }
        if allNetns, let other = [(namespace.netns, "--netns"), (procRoot, "--proc-root"), (port, "--port")].first(where: { $0.0 != nil }) {
            throw .invalid("--all-netns cannot be combined with \(other.1)")
        }
    }

    func run() throws {
        let environment = ProcessEnvironment.current()
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
enum SnapshotFormat: String, CaseIterable {
    case json
    case prometheus
}
