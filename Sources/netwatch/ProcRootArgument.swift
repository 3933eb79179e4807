import NetwatchCommandLine
import NetwatchLinux

/// `--proc-root DIR` (or `NETWATCH_PROC_ROOT`) → the collector, with the error as one line:
/// exit status 2 when DIR is missing or not a directory, 1 when it cannot be read.
enum ProcRootArgument {
    /// The dashboard's `--proc-root`.
    static let dashboard = option(help: "Read kernel files under DIR instead of /proc (env NETWATCH_PROC_ROOT).")
    /// `--proc-root` of snapshot, record and serve, which read only /proc/net/tcp then.
    static let tcpSource = option(help: "Read kernel files under DIR instead of /proc (env NETWATCH_PROC_ROOT); implies the /proc/net/tcp source.")

    static func option(help: String) -> ArgumentSpec {
        .option("proc-root", valueName: "DIR", completion: .directory, help: help)
    }

    static func collector(option: String?, environment: [String: String]) throws -> Collector {
        do {
            return try Collector.resolve(procRootOption: option, environment: environment)
        } catch {
            throw DashboardExit(status: error.unreadable ? 1 : 2, message: error.description)
        }
    }
}
