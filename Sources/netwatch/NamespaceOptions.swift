import NetwatchCommandLine
import NetwatchLinux

/// `--netns NAME|PID|PATH`, shared by top, snapshot and record.
struct NamespaceOptions {
    static let netns = ArgumentSpec.option(
        "netns", valueName: "NAME|PID|PATH",
        help: "Collect inside this network namespace: a name as `snapshot --all-netns` lists it, a process's PID, or a PATH (/run/netns/NAME, /proc/PID/ns/net). Needs root.")
    static let arguments = [netns]

    var netns: String?

    init(_ arguments: ParsedArguments) {
        netns = arguments.text(Self.netns)
    }

    /// The collector the options ask for: `--netns`'s namespace, else `--proc-root`'s.
    func collector(procRoot: String?, environment: [String: String]) throws -> Collector {
        guard let netns else { return try ProcRootArgument.collector(option: procRoot, environment: environment) }
        guard procRoot == nil, (environment["NETWATCH_PROC_ROOT"] ?? "").isEmpty else {
            throw UsageError.invalid("--netns cannot be combined with --proc-root or NETWATCH_PROC_ROOT")
        }
        do {
            return try Collector.resolve(netns: netns)
        } catch {
            throw DashboardExit(status: 1, message: "\(error)")
        }
    }
}
