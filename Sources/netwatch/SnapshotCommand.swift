import ArgumentParser
import Foundation
import NetwatchCore
import NetwatchLinux

/// `netwatch snapshot`: one `netwatch.snapshot/1` JSON document to stdout or a file.
struct SnapshotCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "snapshot",
        abstract: "Print one JSON snapshot (schema netwatch.snapshot/1) of the host's TCP state."
    )

    @Option(name: [.short, .long], parsing: .unconditional, help: ArgumentHelp("Only sockets whose local or remote port is in PORTS (80, 80,443, 8000-8100).", valueName: "PORTS"))
    var port: String?

    @Option(parsing: .unconditional, help: ArgumentHelp("Rows kept in each list (peers, destinations, listeners, processes, sockets).", valueName: "N"))
    var top: Int = 100

    @Option(parsing: .unconditional, help: ArgumentHelp("Seconds between the two counter samples used for rates; 0 gives null rates at once (default 1).", valueName: "SECONDS"), transform: NumberArgument.decimal)
    var sample: Double = 1

    @Flag(help: "Indent the JSON.")
    var pretty = false

    @Option(name: [.short, .customLong("output")], help: ArgumentHelp("Write to FILE instead of stdout: a regular file is replaced atomically, keeping its mode and owner; a device or FIFO is written as it is; a symlink is followed only to your own file.", valueName: "FILE"))
    var output: String?

    @Option(help: ArgumentHelp("Read kernel files under DIR instead of /proc (env NETWATCH_PROC_ROOT); implies the /proc/net/tcp source.", valueName: "DIR"))
    var procRoot: String?

    @OptionGroup var config: ConfigOptions

    func validate() throws {
        guard (1...1_000_000).contains(top) else { throw ValidationError("--top \(top): expected a number from 1 to 1000000") }
        guard sample.isFinite, (0...3600).contains(sample) else {
            throw ValidationError("--sample \(sample): expected seconds from 0 to 3600")
        }
        if let port { _ = try PortArgument.parse(port) }
        if output?.isEmpty == true { throw ValidationError("-o: expected a file path, not an empty string") }
    }

    func run() throws {
        let environment = ProcessInfo.processInfo.environment
        let collector = try ProcRootArgument.collector(option: procRoot, environment: environment)
        let filter = try port.map(PortArgument.parse)
        let thresholds = try config.load().advice
        // Open the output first: an unwritable -o fails before any sampling.
        let file = try output.map { try OutputFile(path: $0) } ?? OutputFile(descriptor: STDOUT_FILENO)
        let sampler = SnapshotSampler(clock: SystemClock(), collect: collector.collect)
        let snapshot = sampler.snapshot(sampleSeconds: sample, options: .init(top: top, filter: filter, advice: thresholds))
        let text = SnapshotEncoder.encode(snapshot).serialized(pretty: pretty) + "\n"
        try file.commit(Array(text.utf8))
    }
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
