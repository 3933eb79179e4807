import ArgumentParser
import Glibc

// Errors are one line on stderr naming the argument or file, exit status 2 for usage and 1 for
// failures while running; help and --version print normally.
//
// A file-size limit (`ulimit -f`) must fail a write with EFBIG, which record and export handle
// (whole lines only, a clear error), rather than kill the process mid-line with SIGXFSZ.
StandardDescriptors.fillClosed()
CrashReports.makeNonInteractive()
signal(SIGXFSZ, SIG_IGN)
do {
    try Netwatch.checkHelpTopic(CommandLine.arguments)
    var command = try Netwatch.parseAsRoot()
    try command.run()
} catch let exit as DashboardExit {
    StandardDescriptors.sayError(exit.message)
    Glibc.exit(exit.status)
} catch let code as ExitCode {
    Glibc.exit(code.rawValue)
} catch {
    let code = Netwatch.exitCode(for: error)
    if code == .success {
        Netwatch.exit(withError: error)
    }
    let usage = error is ValidationError || code == .validationFailure
    let message = usage ? Netwatch.message(for: error) : String(describing: error)
    let line = message.split(separator: "\n").first.map(String.init) ?? message
    StandardDescriptors.sayError(line.replacing("Error: ", with: ""))
    exit(usage ? 2 : 1)
}
