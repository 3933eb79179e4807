import Glibc
import NetwatchCommandLine
import NetwatchCore
import NetwatchLinux
import NetwatchLoad
import NetwatchUI

/// `netwatch demo`: a private network namespace, a scripted storm inside it, and the dashboard on it.
///
/// The namespace is created first, while this is the only thread; without the privilege for it the
/// command exits 2 with one line. The storm's workers are this executable's hidden `demo-worker`
/// subcommand. `q`, SIGINT, SIGTERM or SIGHUP end the dashboard; then every worker is stopped and
/// reaped, the namespace disappears with the last process in it, and the status is 0.
struct DemoCommand: NetwatchCommand {
    static let spec = CommandSpec(
        name: "demo",
        abstract: "A private network namespace with a scripted TCP storm, and the dashboard on it (needs root).",
        discussion: """
            Five phases over about 70 s, each named in the header: short connections ramping up \
            (TIME_WAIT climbs into the thousands), the ephemeral ports toward one destination running out \
            (the namespace's port range is narrowed and tcp_tw_reuse turned off), a service leaking \
            CLOSE_WAIT, a slow acceptor overflowing its backlog, a process nearing its fd limit. All \
            traffic stays on the namespace's loopback; the host's sockets and sysctls are not touched.

            Needs root, or CAP_SYS_ADMIN and CAP_NET_ADMIN (exit status 2 otherwise). q, SIGINT, SIGTERM \
            and SIGHUP stop the load and exit 0; the namespace goes away with the demo.
            """,
        arguments: DisplayOptions.arguments + ConfigOptions.arguments + TracingOptions.arguments
    )

    var display: DisplayOptions
    var config: ConfigOptions
    var tracing: TracingOptions

    init(_ arguments: ParsedArguments) throws {
        display = try DisplayOptions(arguments)
        config = ConfigOptions(arguments)
        tracing = TracingOptions(arguments)
    }

    func run() throws {
        try DemoNamespace.enter()
        guard isatty(STDOUT_FILENO) == 1 else {
            throw DashboardExit(status: 2, message: "netwatch demo needs a terminal")
        }
        let script = try DemoScript.standard()
        try DemoNamespace.configure(portRange: script.portRange)
        let environment = ProcessEnvironment.current()
        let (catalog, startTheme) = try display.themes(environment: environment)
        let conductor = DemoConductor(script: script, clock: SystemClock())
        var settings = display.settings(interval: 1, filter: nil, environment: environment)
        settings.caption = conductor.advance
        settings.advice = try config.load().advice
        // The live namespace through netlink, whatever NETWATCH_PROC_ROOT says.
        let collector = Collector(root: ProcRoot(path: "/proc"), useNetlink: true)
        tracing.attach(to: collector)
        defer { collector.connectorCounter?.close() }
        let session = try DashboardSession(catalog: catalog, theme: startTheme, settings: settings, environment: environment) { now in
            try LiveFeed(collector: collector, monitor: nil, settings: settings, now: now)
        }
        // q and the terminating signals all end the demo the same way.
        _ = session.run()
        conductor.stop()
    }
}
