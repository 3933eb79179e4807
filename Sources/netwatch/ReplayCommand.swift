import ArgumentParser
import FoundationEssentials
import Glibc
import NetwatchCore
import NetwatchLinux
import NetwatchUI

/// `netwatch replay FILE…|-`: the dashboard over a recording (`netwatch record`, one file or the
/// files it rotated into) or an export (`e`), with time navigation. A file starts at its first
/// snapshot, paused; a pipe (`-`) follows the newest as it arrives.
struct ReplayCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "replay",
        abstract: "The dashboard over a recording (NDJSON from netwatch record) or an exported snapshot.",
        discussion: """
            Keys: ←/→ step one snapshot, space play/pause, [ ] slower/faster, Home/End first/newest; \
            the dashboard's keys (filter, drill, sort, export, theme) work on what was recorded.
            """
    )

    @Argument(help: ArgumentHelp("A recording or export to replay, or '-' to follow standard input (ssh host netwatch record -o - | netwatch replay -). Several files (the ones --max-size rotated into: incident.ndjson*) are replayed as one, in the order of their first snapshot's time.", valueName: "FILE|-"))
    var files: [String]

    @Option(name: [.short, .long], parsing: .unconditional, help: ArgumentHelp("Start with the tables narrowed to PORTS (80, 80,443, 8000-8100).", valueName: "PORTS"))
    var port: String?

    @OptionGroup var display: DisplayOptions

    @OptionGroup var config: ConfigOptions

    func validate() throws {
        do {
            try RecordingSet.check(paths: files)
        } catch {
            throw ValidationError(error.description)
        }
        if let port { _ = try PortArgument.parse(port) }
    }

    func run() throws {
        let advice = try config.load().advice
        let environment = ProcessInfo.processInfo.environment
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
        var settings = try display.settings(interval: 1, filter: try port.map(PortArgument.parse), environment: environment)
        settings.keysFromTerminalDevice = files == ["-"]
        settings.advice = advice
        let window = settings.historySeconds
        let session = try DashboardSession(catalog: catalog, theme: startTheme, settings: settings, environment: environment) { _ in
            try ReplayFeed(reader: reader, windowSeconds: window)
        }
        let status = session.run()
        if let failure = session.failure { throw DashboardExit(status: 1, message: failure) }
        if status != 0 { throw ExitCode(status) }
    }
}
