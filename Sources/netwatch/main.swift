import ArgumentParser
import Foundation
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
    var command = try Netwatch.parseAsRoot()
    try command.run()
} catch let exit as DashboardExit {
    FileHandle.standardError.write(Data("netwatch: \(exit.message)\n".utf8))
    Foundation.exit(exit.status)
} catch let code as ExitCode {
    Foundation.exit(code.rawValue)
} catch {
    let code = Netwatch.exitCode(for: error)
    if code == .success {
        Netwatch.exit(withError: error)
    }
    let usage = error is ValidationError || code == .validationFailure
    let message = usage ? Netwatch.message(for: error) : String(describing: error)
    let line = message.split(separator: "\n").first.map(String.init) ?? message
    FileHandle.standardError.write(Data("netwatch: \(line.replacingOccurrences(of: "Error: ", with: ""))\n".utf8))
    exit(usage ? 2 : 1)
}
