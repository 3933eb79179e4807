import ArgumentParser
import FoundationEssentials
import Glibc
import NetwatchCore
import NetwatchLinux

/// `netwatch record`: a `netwatch.snapshot/1` line every interval (NDJSON) to a file or stdout.
///
/// Each line's rates cover the interval since the line before; the first line has null rates
/// (it is written at once rather than after a warm-up sample). SIGINT and SIGTERM end recording
/// after the current line, with status 0.
struct RecordCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "record",
        abstract: "Record a JSON snapshot (schema netwatch.snapshot/1) per line every interval (NDJSON)."
    )

    @Option(name: [.short, .customLong("output")], help: ArgumentHelp("Write lines to FILE, or '-' for stdout: a regular file is emptied in place, keeping its mode and owner; a device or FIFO is written as it is; a symlink is followed only to your own file.", valueName: "FILE"))
    var output: String

    @Option(parsing: .unconditional, help: ArgumentHelp("Seconds between lines (0.1 to 3600; default 1); rates cover this interval.", valueName: "SECONDS"), transform: NumberArgument.decimal)
    var interval: Double = 1

    @Option(parsing: .unconditional, help: ArgumentHelp("Stop after N lines.", valueName: "N"))
    var count: Int?

    @Option(parsing: .unconditional, help: ArgumentHelp("Stop after DURATION (90, 30s, 15m, 2h).", valueName: "DURATION"))
    var duration: String?

    @Option(parsing: .unconditional, help: ArgumentHelp("Rotate FILE to FILE.1 … FILE.\(RotationPlan.defaultKeep) before it would exceed SIZE bytes (500k, 10M, 1G).", valueName: "SIZE"))
    var maxSize: String?

    @Option(name: [.short, .long], parsing: .unconditional, help: ArgumentHelp("Only sockets whose local or remote port is in PORTS (80, 80,443, 8000-8100).", valueName: "PORTS"))
    var port: String?

    @Option(parsing: .unconditional, help: ArgumentHelp("Rows kept in each list (peers, destinations, listeners, processes, sockets).", valueName: "N"))
    var top: Int = 100

    @Option(help: ArgumentHelp("Read kernel files under DIR instead of /proc (env NETWATCH_PROC_ROOT); implies the /proc/net/tcp source.", valueName: "DIR"))
    var procRoot: String?

    @OptionGroup var config: ConfigOptions

    @OptionGroup var namespace: NamespaceOptions
    @OptionGroup var tracing: TracingOptions

    func validate() throws {
        guard interval.isFinite, (0.1...3600).contains(interval) else {
            throw ValidationError("--interval \(interval): expected seconds from 0.1 to 3600")
        }
        if let count, count < 1 { throw ValidationError("--count \(count): expected at least 1 line") }
        if count != nil && duration != nil { throw ValidationError("--count and --duration cannot be used together") }
        guard (1...1_000_000).contains(top) else { throw ValidationError("--top \(top): expected a number from 1 to 1000000") }
        _ = try duration.map(RecordLimitArgument.seconds)
        _ = try maxSize.map(RecordLimitArgument.bytes)
        if maxSize != nil && output == "-" { throw ValidationError("--max-size: rotation needs -o FILE, not stdout") }
        if let port { _ = try PortArgument.parse(port) }
        if output.isEmpty { throw ValidationError("-o: expected a file path or '-', not an empty string") }
    }

    func run() throws {
        // Before anything else: the signals must stay pending, never kill us between writes.
        let clock = SignalStopClock()
        signal(SIGPIPE, SIG_IGN)
        let environment = ProcessInfo.processInfo.environment
        let collector = try namespace.collector(procRoot: procRoot, environment: environment)
        tracing.attach(to: collector)
        defer { collector.connectorCounter?.close() }
        let filter = try port.map(PortArgument.parse)
        let seconds = try duration.map(RecordLimitArgument.seconds)
        let bytes = try maxSize.map(RecordLimitArgument.bytes)
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
    static func seconds(_ text: String) throws -> Double {
        do {
            return try TimeSpan.parse(text).seconds
        } catch {
            throw ValidationError("--duration: \(error)")
        }
    }

    static func bytes(_ text: String) throws -> Int {
        do {
            return try ByteSize.parse(text).bytes
        } catch {
            throw ValidationError("--max-size: \(error)")
        }
    }
}
