import Glibc
import NetwatchCommandLine
import NetwatchCore
import NetwatchLinux
import NetwatchUI

/// `netwatch` / `netwatch top`: the live dashboard.
struct TopCommand: NetwatchCommand {
    static let interval = ArgumentSpec.option("interval", short: "i", valueName: "SECONDS", .decimal,
                                              help: "Seconds between ticks (0.5 to 60; default 1).")
    static let spec = CommandSpec(
        name: "top",
        abstract: "The live dashboard (the default command).",
        arguments: [interval, PortArgument.filter, ProcRootArgument.dashboard] + DisplayOptions.arguments + ConfigOptions.arguments
            + NamespaceOptions.arguments + TracingOptions.arguments
    )

    var interval: Double
    var filter: PortSet?
    var procRoot: String?
    var display: DisplayOptions
    var config: ConfigOptions
    var namespace: NamespaceOptions
    var tracing: TracingOptions

    init(_ arguments: ParsedArguments) throws {
        interval = arguments.decimal(Self.interval) ?? 1
        guard interval.isFinite, (0.5...60).contains(interval) else {
            throw UsageError.invalid("--interval \(interval): expected seconds from 0.5 to 60")
        }
        filter = try arguments.text(PortArgument.filter).map(PortArgument.parse)
        procRoot = arguments.text(ProcRootArgument.dashboard)
        display = try DisplayOptions(arguments)
        config = ConfigOptions(arguments)
        namespace = NamespaceOptions(arguments)
        tracing = TracingOptions(arguments)
    }

    func run() throws {
        let advice = try config.load().advice
        let environment = ProcessEnvironment.current()
        let (catalog, startTheme) = try display.themes(environment: environment)
        guard isatty(STDOUT_FILENO) == 1 else {
            throw DashboardExit(status: 2, message: "netwatch needs a terminal; use `netwatch snapshot` for JSON")
        }
        let collector = try namespace.collector(procRoot: procRoot, environment: environment)
        tracing.attach(to: collector)
        defer { collector.connectorCounter?.close() }
        var settings = display.settings(interval: interval, filter: filter, environment: environment)
        settings.advice = advice
        let session = try DashboardSession(catalog: catalog, theme: startTheme, settings: settings, environment: environment) { now in
            // The namespaces view needs the real /proc; under --proc-root it stays empty.
            try LiveFeed(collector: collector, monitor: collector.useNetlink ? try? NamespaceMonitor(thresholds: advice) : nil,
                         settings: settings, now: now)
        }
        let status = session.run()
        if status != 0 { throw ExitStatus(code: status) }
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
        if let executable = ExecutableFile.path() {
            var folder = ExecutableFile.parent(of: executable)
            for _ in 0..<5 {
                let candidate = ExecutableFile.join(folder, "themes")
                if ExecutableFile.exists(candidate + "/default.toml") { directories.append(candidate); break }
                let installed = ExecutableFile.join(folder, "share/netwatch/themes")
                if ExecutableFile.exists(installed) { directories.append(installed); break }
                folder = ExecutableFile.parent(of: folder)
            }
        }
        if let home = environment["HOME"], !home.isEmpty { directories.append(home + "/.config/netwatch/themes") }
        return directories
    }
}
