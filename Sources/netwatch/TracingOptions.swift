import NetwatchBPF
import NetwatchCommandLine
import NetwatchLinux

/// `--no-bpf`, shared by top, snapshot, record and demo.
struct TracingOptions {
    static let noBPF = ArgumentSpec.flag(
        "no-bpf", help: "Do not load the eBPF connection tracer; who connects where is then estimated from live sockets.")
    static let arguments = [noBPF]

    var noBPF: Bool

    init(_ arguments: ParsedArguments) {
        noBPF = arguments.flag(Self.noBPF)
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
            } catch {
                collector.connectorsUnavailable = error.reason
            }
        }
    }
}
