import NetwatchBPF
import NetwatchCommandLine
import NetwatchCore
import NetwatchLinux

/// `--no-bpf` and `--accept-results`, shared by top, snapshot, record and demo.
struct TracingOptions {
    static let noBPF = ArgumentSpec.flag(
        "no-bpf", help: "Do not load the eBPF connection tracer; who connects where is then estimated from live sockets.")
    static let acceptResults = ArgumentSpec.option(
        "accept-results", valueName: "WHEN", .choice(AcceptWatchPolicy.Mode.allCases.map(\.rawValue)),
        default: AcceptWatchPolicy.Mode.nearFdLimit.rawValue,
        help: "Where the kernel refuses fexit, watch accept() results near-fd-limit (while a listener's owner is at 75 % of its fd limit) or always (every system call then pays).")
    static let arguments = [noBPF, acceptResults]

    var noBPF: Bool
    var acceptResults: AcceptWatchPolicy.Mode

    init(_ arguments: ParsedArguments) {
        noBPF = arguments.flag(Self.noBPF)
        acceptResults = arguments.text(Self.acceptResults).flatMap(AcceptWatchPolicy.Mode.init) ?? .nearFdLimit
    }

    /// Starts the connection tracer for `collector`, or records why it is not running (the
    /// status line and the JSON warnings say so); never fails. The caller releases it with
    /// `collector.connectorCounter?.close()` when done (the kernel also does when the process ends). A collector reading a tree under
    /// `--proc-root` is not this kernel's, so nothing is loaded and nothing said.
    /// - Parameter skip: a reason not to load it in this run (a snapshot without an interval).
    func attach(to collector: Collector, skip: String? = nil) {
        guard collector.useNetlink else { return }
        if noBPF {
            collector.connectorsUnavailable = TracerUnavailable.disabled.reason
        } else if let skip {
            collector.connectorsUnavailable = skip
        } else {
            do {
                collector.connectorCounter = try ConnectionTracer.start()
                collector.acceptWatch = AcceptWatchPolicy(mode: acceptResults)
            } catch {
                collector.connectorsUnavailable = error.reason
            }
        }
    }
}
