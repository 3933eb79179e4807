import Glibc

/// Standard input, output and error as the process starts.
enum StandardDescriptors {
    /// Opens /dev/null onto whichever of descriptors 0, 1 and 2 is closed (`netwatch <&-`), before
    /// anything else opens a file: a descriptor opened later would otherwise land there, and the
    /// signalfd on descriptor 0 would be read as the keyboard, or a recording written to as stdout.
    /// Standard output gets it read-only, so a snapshot written to a closed stdout (`>&-`) fails
    /// with EBADF and says so instead of vanishing.
    static func fillClosed() {
        for descriptor in STDIN_FILENO...STDERR_FILENO where fcntl(descriptor, F_GETFD) == -1 && errno == EBADF {
            let opened = open("/dev/null", descriptor == STDOUT_FILENO ? O_RDONLY : O_RDWR)
            if opened >= 0 && opened != descriptor {
                dup2(opened, descriptor)
                close(opened)
            }
        }
    }

    /// Writes `netwatch: MESSAGE` as one line to standard error. A failed write (`2>/dev/full`)
    /// is ignored: there is nowhere left to say it, and the exit status still tells.
    static func sayError(_ message: String) {
        say("netwatch: \(message)", on: STDERR_FILENO)
    }

    /// Writes `line` and a newline to `descriptor` with write(2), ignoring a failed write (a full
    /// disk or a closed pipe must not crash netwatch through Foundation's FileHandle).
    static func say(_ line: String, on descriptor: Int32) {
        let bytes = Array((line + "\n").utf8)
        var written = 0
        while written < bytes.count {
            let n = bytes.withUnsafeBytes { write(descriptor, $0.baseAddress! + written, $0.count - written) }
            if n < 0 && errno == EINTR { continue }
            guard n > 0 else { return }
            written += n
        }
    }
}
