import Glibc

/// Whole lines to standard output and standard error, written with `write(2)` (unbuffered, so a
/// READY line is visible to the reader at once).
enum ConsoleOutput {
    /// Writes `line` and a newline to standard output.
    static func out(_ line: String) {
        write(line + "\n", to: STDOUT_FILENO)
    }

    /// Writes `netwatch-load: `, `line` and a newline to standard error.
    static func error(_ line: String) {
        write("netwatch-load: " + line + "\n", to: STDERR_FILENO)
    }

    /// Writes all bytes, resuming after partial writes; a closed pipe (EPIPE) drops the rest.
    private static func write(_ text: String, to fd: Int32) {
        var bytes = Array(text.utf8)[...]
        while !bytes.isEmpty {
            let written = bytes.withUnsafeBytes { Glibc.write(fd, $0.baseAddress, $0.count) }
            if written < 0 && errno == EINTR { continue }
            guard written > 0 else { return }
            bytes = bytes.dropFirst(written)
        }
    }
}
