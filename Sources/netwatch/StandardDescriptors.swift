import Glibc

/// Standard output and standard error when the shell closed them (`>&-`, `2>&-`).
enum StandardDescriptors {
    /// Puts /dev/null on a closed standard output — read-only, so writing there fails with EBADF
    /// and netwatch says so — and on a closed standard error, so no file or socket netwatch opens
    /// later becomes descriptor 1 or 2 and receives the JSON or the error messages.
    static func reserveClosed() {
        for (descriptor, flags) in [(STDOUT_FILENO, O_RDONLY), (STDERR_FILENO, O_WRONLY)] where fcntl(descriptor, F_GETFD) == -1 {
            let null = open("/dev/null", flags)
            guard null >= 0, null != descriptor else { continue }
            dup2(null, descriptor)
            close(null)
        }
    }
}
