import Glibc
import NetwatchCommandLine
import NetwatchCore
import NetwatchLinux

/// `netwatch record`: a `netwatch.snapshot/1` line every interval (NDJSON) to a file or stdout.
///
/// Each line's rates cover the interval since the line before; the first line has null rates
/// (it is written at once rather than after a warm-up sample). SIGINT and SIGTERM end recording
/// after the current line, with status 0.
struct RecordCommand: NetwatchCommand {
    static let output = ArgumentSpec.option(
        "output", short: "o", valueName: "FILE", required: true, completion: .file,
        help: "Write lines to FILE, or '-' for stdout: a regular file is emptied in place, keeping its mode and owner; a device or FIFO is written as it is; a symlink is followed only to your own file.")
    static let interval = ArgumentSpec.option(
        "interval", valueName: "SECONDS", .decimal, help: "Seconds between lines (0.1 to 3600; default 1); rates cover this interval.")
    static let count = ArgumentSpec.option("count", valueName: "N", .integer, help: "Stop after N lines.")
    static let duration = ArgumentSpec.option("duration", valueName: "DURATION", help: "Stop after DURATION (90, 30s, 15m, 2h).")
    static let maxSize = ArgumentSpec.option(
        "max-size", valueName: "SIZE",
        help: "Rotate FILE to FILE.1 … FILE.\(RotationPlan.defaultKeep) before it would exceed SIZE bytes (500k, 10M, 1G).")
    static let top = ArgumentSpec.option(
        "top", valueName: "N", .integer, default: "100", help: "Rows kept in each list (peers, destinations, listeners, processes, sockets).")
    static let spec = CommandSpec(
        name: "record",
        abstract: "Record a JSON snapshot (schema netwatch.snapshot/1) per line every interval (NDJSON).",
        arguments: [output, interval, count, duration, maxSize, PortArgument.filter, top, ProcRootArgument.tcpSource]
            + ConfigOptions.arguments + NamespaceOptions.arguments + TracingOptions.arguments
    )

    var output: String
    var interval: Double
    var count: Int?
    var seconds: Double?
    var bytes: Int?
    var filter: PortSet?
    var top: Int
    var procRoot: String?
    var config: ConfigOptions
    var namespace: NamespaceOptions
    var tracing: TracingOptions

    init(_ arguments: ParsedArguments) throws {
        output = arguments.text(Self.output) ?? ""
        interval = arguments.decimal(Self.interval) ?? 1
        count = arguments.integer(Self.count)
        top = arguments.integer(Self.top) ?? 100
        procRoot = arguments.text(ProcRootArgument.tcpSource)
        config = ConfigOptions(arguments)
        namespace = NamespaceOptions(arguments)
        tracing = TracingOptions(arguments)
        guard interval.isFinite, (0.1...3600).contains(interval) else {
            throw UsageError.invalid("--interval \(interval): expected seconds from 0.1 to 3600")
        }
        if let count, count < 1 { throw UsageError.invalid("--count \(count): expected at least 1 line") }
        let duration = arguments.text(Self.duration), maxSize = arguments.text(Self.maxSize)
        if count != nil && duration != nil { throw UsageError.invalid("--count and --duration cannot be used together") }
        guard (1...1_000_000).contains(top) else { throw UsageError.invalid("--top \(top): expected a number from 1 to 1000000") }
        seconds = try duration.map(RecordLimitArgument.seconds)
        bytes = try maxSize.map(RecordLimitArgument.bytes)
        if maxSize != nil && output == "-" { throw UsageError.invalid("--max-size: rotation needs -o FILE, not stdout") }
        filter = try arguments.text(PortArgument.filter).map(PortArgument.parse)
        if output.isEmpty { throw UsageError.invalid("-o: expected a file path or '-', not an empty string") }
    }

    func run() throws {
        // Before anything else: the signals must stay pending, never kill us between writes.
        let clock = SignalStopClock()
        signal(SIGPIPE, SIG_IGN)
        let collector = try namespace.collector(procRoot: procRoot, environment: ProcessEnvironment.current())
        tracing.attach(to: collector)
        defer { collector.connectorCounter?.close() }
        let thresholds = try config.load().advice
        // Open the output first: an unwritable -o fails before any sampling.
        let file = try output == "-" ? NDJSONFile(descriptor: STDOUT_FILENO)
            : NDJSONFile(path: output, rotation: bytes.map { RotationPlan(path: output, maxSize: $0) })
        let recorder = Recorder(clock: clock, collect: collector.collect)
        do {
            _ = try recorder.run(.init(interval: interval, count: count, duration: seconds),
                                 options: .init(top: top, filter: filter, advice: thresholds)) { snapshot in
                try file.append(Array((SnapshotEncoder.encode(snapshot).serialized() + "\n").utf8))
            }
        } catch let error as FileWriteError where error.code == EPIPE {
            // The reader of the pipe went away (`| head`): a normal end, not a failure.
        }
    }
}

/// `--duration` and `--max-size` text → seconds and bytes, with the error naming the option.
enum RecordLimitArgument {
    static func seconds(_ text: String) throws(UsageError) -> Double {
        do {
            return try TimeSpan.parse(text).seconds
        } catch {
            throw .invalid("--duration: \(error)")
        }
    }

    static func bytes(_ text: String) throws(UsageError) -> Int {
        do {
            return try ByteSize.parse(text).bytes
        } catch {
            throw .invalid("--max-size: \(error)")
        }
    }
}
