import Glibc
import NetwatchCommandLine

// Errors are one line on stderr naming the argument or file, exit status 2 for usage and 1 for
// failures while running; help and --version print to stdout.
//
// A file-size limit (`ulimit -f`) must fail a write with EFBIG, which record and export handle
// (whole lines only, a clear error), rather than kill the process mid-line with SIGXFSZ.
StandardDescriptors.fillClosed()
CrashReports.makeNonInteractive()
signal(SIGXFSZ, SIG_IGN)
let program = Netwatch.program
do {
    switch try CommandLineParser(program: program).parse(Array(CommandLine.arguments.dropFirst())) {
    case let .run(arguments):
        try Netwatch.run(arguments)
    case let .help(name):
        let text = name.flatMap(program.command(named:)).map { HelpText.command($0, in: program) } ?? HelpText.program(program)
        StandardDescriptors.say(text, on: STDOUT_FILENO)
    case .version:
        StandardDescriptors.say(program.version, on: STDOUT_FILENO)
    case let .completionScript(shell):
        StandardDescriptors.say(CompletionScript.script(for: shell, program), on: STDOUT_FILENO)
    case .helpDump:
        StandardDescriptors.say(HelpDump.json(program).serialized(pretty: true), on: STDOUT_FILENO)
    }
} catch let usage as UsageError {
    StandardDescriptors.sayError(usage.description)
    exit(2)
} catch let exit as DashboardExit {
    StandardDescriptors.sayError(exit.message)
    Glibc.exit(exit.status)
} catch let status as ExitStatus {
    exit(status.code)
} catch {
    let message = String(describing: error)
    StandardDescriptors.sayError(message.split(separator: "\n").first.map(String.init) ?? message)
    exit(1)
}
