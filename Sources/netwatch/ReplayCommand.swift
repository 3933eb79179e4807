import Glibc
import NetwatchCommandLine
import NetwatchCore
import NetwatchLinux
import NetwatchUI

/// `netwatch replay FILE…|-`: the dashboard over a recording (`netwatch record`, one file or the
/// files it rotated into) or an export (`e`), with time navigation. A file starts at its first
/// snapshot, paused; a pipe (`-`) follows the newest as it arrives.
struct ReplayCommand: NetwatchCommand {
    static let files = ArgumentSpec.positional(
        "FILE|-", repeating: true, completion: .file,
        help: "A recording or export to replay, or '-' to follow standard input (ssh host netwatch record -o - | netwatch replay -). Several files (the ones --max-size rotated into: incident.ndjson*) are replayed as one, in the order of their first snapshot's time.")
    static let port = PortArgument.option(help: "Start with the tables narrowed to PORTS (80, 80,443, 8000-8100).")
    static let spec = CommandSpec(
        name: "replay",
        abstract: "The dashboard over a recording (NDJSON from netwatch record) or an exported snapshot.",
        discussion: """
            Keys: ←/→ step one snapshot, space play/pause, [ ] slower/faster, Home/End first/newest; \
            the dashboard's keys (filter, drill, sort, export, theme) work on what was recorded.
            """,
        arguments: [files, port] + DisplayOptions.arguments + ConfigOptions.arguments
    )

    var files: [String]
    var filter: PortSet?
    var display: DisplayOptions
    var config: ConfigOptions

    init(_ arguments: ParsedArguments) throws {
        files = arguments.texts(Self.files)
        do {
            try RecordingSet.check(paths: files)
        } catch {
            throw UsageError.invalid(error.description)
        }
        filter = try arguments.text(Self.port).map(PortArgument.parse)
        display = try DisplayOptions(arguments)
        config = ConfigOptions(arguments)
    }

    func run() throws {
        let advice = try config.load().advice
        let environment = ProcessEnvironment.current()
        let reader: RecordingSet
        do {
            reader = try RecordingSet(paths: files)
        } catch {
            throw DashboardExit(status: 1, message: error.description)
        }
        let (catalog, startTheme) = try display.themes(environment: environment)
        guard isatty(STDOUT_FILENO) == 1 else {
            throw DashboardExit(status: 2, message: "netwatch replay needs a terminal on standard output")
        }
        var settings = display.settings(interval: 1, filter: filter, environment: environment)
        settings.keysFromTerminalDevice = files == ["-"]
        settings.advice = advice
        let window = settings.historySeconds
        let session = try DashboardSession(catalog: catalog, theme: startTheme, settings: settings, environment: environment) { _ in
            try ReplayFeed(reader: reader, windowSeconds: window)
        }
        let status = session.run()
        if let failure = session.failure { throw DashboardExit(status: 1, message: failure) }
        if status != 0 { throw ExitStatus(code: status) }
    }
}
