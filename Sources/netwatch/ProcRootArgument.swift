import NetwatchLinux

/// `--proc-root DIR` (or `NETWATCH_PROC_ROOT`) → the collector, with the error as one line:
/// exit status 2 when DIR is missing or not a directory, 1 when it cannot be read.
enum ProcRootArgument {
    static func collector(option: String?, environment: [String: String]) throws -> Collector {
        do {
            return try Collector.resolve(procRootOption: option, environment: environment)
        } catch {
            throw DashboardExit(status: error.unreadable ? 1 : 2, message: error.description)
        }
    }
}
