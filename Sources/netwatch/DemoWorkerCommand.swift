import CNetlink
import Glibc
import NetwatchCommandLine
import NetwatchLoad

/// `netwatch demo-worker INDEX --parent PID` (hidden): one step of the demo's script, started by
/// `netwatch demo` inside its namespace. It dies with its parent (SIGKILL on the parent's end, and
/// it exits at once if the parent is already gone), stops cleanly on SIGTERM or SIGINT, and names
/// itself after its step so the dashboard's process list says what it is.
struct DemoWorkerCommand: NetwatchCommand {
    static let step = ArgumentSpec.positional("step", .integer, help: "Index of the step in the demo's script.")
    static let parent = ArgumentSpec.option("parent", valueName: "PID", .integer, required: true,
                                            help: "The demo's pid; the worker ends when that process ends.")
    static let spec = CommandSpec(
        name: "demo-worker",
        abstract: "One load step of `netwatch demo` (started by it).",
        arguments: [step, parent],
        isHidden: true
    )

    var step: Int
    var parent: Int32

    init(_ arguments: ParsedArguments) throws {
        step = arguments.integer(Self.step) ?? 0
        let pid = arguments.integer(Self.parent) ?? 0
        guard let parent = Int32(exactly: pid) else { throw UsageError.invalidValue(String(pid), label: "--parent <PID>", reason: nil) }
        self.parent = parent
    }

    func run() throws {
        // First: SIGTERM and SIGINT become a stop request instead of killing the worker mid-socket.
        let clock = SignalAwareClock()
        guard cns_die_with_parent(SIGKILL) == 0, getppid() == parent else { throw ExitStatus(code: 1) }
        let script = try DemoScript.standard()
        guard script.steps.indices.contains(step) else {
            throw UsageError.invalid("step \(step): the demo has steps 0 to \(script.steps.count - 1)")
        }
        let item = script.steps[step]
        _ = cns_set_process_name(item.name)
        switch item.work {
        case let .load(plan): try LoadGenerator(plan: plan, clock: clock, emit: { _ in }).run()
        case let .descriptors(pressure): try pressure.run(clock: clock)
        }
    }
}
