import ArgumentParser
import FoundationEssentials
import Glibc
import NetwatchCore
import NetwatchLinux
import NetwatchUI

/// `netwatch` / `netwatch top`: the live dashboard.
struct TopCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "top",
        abstract: "The live dashboard (the default command)."
    )

    @Option(name: [.short, .long], parsing: .unconditional, help: ArgumentHelp("Seconds between ticks (0.5 to 60; default 1).", valueName: "SECONDS"), transform: NumberArgument.decimal)
    var interval: Double = 1

    @Option(name: [.short, .long], parsing: .unconditional, help: ArgumentHelp("Only sockets whose local or remote port is in PORTS (80, 80,443, 8000-8100).", valueName: "PORTS"))
    var port: String?

    @Option(help: ArgumentHelp("Read kernel files under DIR instead of /proc (env NETWATCH_PROC_ROOT).", valueName: "DIR"))
    var procRoot: String?

    @OptionGroup var display: DisplayOptions

    @OptionGroup var config: ConfigOptions

    @OptionGroup var namespace: NamespaceOptions
    @OptionGroup var tracing: TracingOptions

    func validate() throws {
        guard interval.isFinite, (0.5...60).contains(interval) else {
            throw ValidationError("--interval \(interval): expected seconds from 0.5 to 60")
        }
        if let port { _ = try PortArgument.parse(port) }
    }

    func run() throws {
        let advice = try config.load().advice
        let environment = ProcessInfo.processInfo.environment
        let (catalog, startTheme) = try display.themes(environment: environment)
        guard isatty(STDOUT_FILENO) == 1 else {
            throw DashboardExit(status: 2, message: "netwatch needs a terminal; use `netwatch snapshot` for JSON")
        }
        let collector = try namespace.collector(procRoot: procRoot, environment: environment)
        tracing.attach(to: collector)
        defer { collector.connectorCounter?.close() }
        var settings = try display.settings(interval: interval, filter: try port.map(PortArgument.parse), environment: environment)
        settings.advice = advice
        let session = try DashboardSession(catalog: catalog, theme: startTheme, settings: settings, environment: environment) { now in
            // The namespaces view needs the real /proc; under --proc-root it stays empty.
            try LiveFeed(collector: collector, monitor: collector.useNetlink ? try? NamespaceMonitor(thresholds: advice) : nil,
                         settings: settings, now: now)
        }
        let status = session.run()
        if status != 0 { throw ExitCode(status) }
    }
}

/// A dashboard stop with its own exit status and one-line message.
struct DashboardExit: Error, CustomStringConvertible {
    let status: Int32
    let message: String
    var description: String { message }
}

/// Where themes are looked up, lowest precedence first: the shipped `themes/` (next to the
/// source tree for `swift run`, or `PREFIX/share/netwatch/themes` when installed), then
/// `~/.config/netwatch/themes`.
enum ThemeDirectories {
    static func search(environment: [String: String]) -> [String] {
        var directories = [String]()
        let executable = URL(fileURLWithPath: (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? "")
        var folder = executable.deletingLastPathComponent()
        for _ in 0..<5 {
            let candidate = folder.appendingPathComponent("themes").path
            if FileManager.default.fileExists(atPath: candidate + "/default.toml") { directories.append(candidate); break }
            let installed = folder.appendingPathComponent("share/netwatch/themes").path
            if FileManager.default.fileExists(atPath: installed) { directories.append(installed); break }
            folder.deleteLastPathComponent()
        }
        if let home = environment["HOME"], !home.isEmpty { directories.append(home + "/.config/netwatch/themes") }
        return directories
    }
}
