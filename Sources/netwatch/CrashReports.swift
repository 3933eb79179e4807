import Glibc

/// The Swift runtime's crash reporter, made to report without waiting.
enum CrashReports {
    /// On a terminal (standard input and output both one) the runtime's crash reporter prints
    /// "Press space to interact" and waits 30 s for a key before the process may end. It reads
    /// its settings (`SWIFT_BACKTRACE`) only as the process starts, so netwatch starts itself
    /// again, once, with `interactive=no` added: the report then goes to stderr at once.
    /// Settings the user chose (`interactive=…`, `enable=no`) are left as they are.
    static func makeNonInteractive() {
        guard isatty(STDIN_FILENO) == 1, isatty(STDOUT_FILENO) == 1 else { return }
        let settings = getenv("SWIFT_BACKTRACE").map { String(cString: $0) } ?? ""
        let keys = settings.split(separator: ",").map { $0.split(separator: "=", maxSplits: 1).first.map(String.init) ?? "" }
        guard !keys.contains("interactive"), !settings.split(separator: ",").contains("enable=no") else { return }
        // The executable's own path rather than /proc/self/exe, which would rename the process "exe".
        guard let path = ExecutableFile.path() else { return }
        setenv("SWIFT_BACKTRACE", settings.isEmpty ? "interactive=no" : settings + ",interactive=no", 1)
        execv(path, CommandLine.unsafeArgv)
    }
}
