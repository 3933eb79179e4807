import ArgumentParser
import CNetlink
import Glibc
import NetwatchLoad

/// `netwatch demo-worker INDEX --parent PID` (hidden): one step of the demo's script, started by
/// `netwatch demo` inside its namespace. It dies with its parent (SIGKILL on the parent's end, and
/// it exits at once if the parent is already gone), stops cleanly on SIGTERM or SIGINT, and names
/// itself after its step so the dashboard's process list says what it is.
struct DemoWorkerCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo-worker",
        abstract: "One load step of `netwatch demo` (started by it).",
        shouldDisplay: false
    )

    @Argument(help: "Index of the step in the demo's script.")
    var step: Int

    @Option(help: ArgumentHelp("The demo's pid; the worker ends when that process ends.", valueName: "PID"))
    var parent: Int32

    func run() throws {
        // First: SIGTERM and SIGINT become a stop request instead of killing the worker mid-socket.
        let clock = SignalAwareClock()
        guard cns_die_with_parent(SIGKILL) == 0, getppid() == parent else { throw ExitCode(1) }
        let script = try DemoScript.standard()
        guard script.steps.indices.contains(step) else {
            throw ValidationError("step \(step): the demo has steps 0 to \(script.steps.count - 1)")
        }
        let item = script.steps[step]
        _ = cns_set_process_name(item.name)
        switch item.work {
        case let .load(plan): try LoadGenerator(plan: plan, clock: clock, emit: { _ in }).run()
        case let .descriptors(pressure): try pressure.run(clock: clock)
        }
    }
}
