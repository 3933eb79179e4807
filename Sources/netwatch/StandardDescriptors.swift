import Glibc

/// Standard input, output and error as the process starts.
enum StandardDescriptors {
    /// Opens /dev/null onto whichever of descriptors 0, 1 and 2 is closed (`netwatch <&-`), before
    /// anything else opens a file: a descriptor opened later would otherwise land there, and the
    /// signalfd on descriptor 0 would be read as the keyboard, or a recording written to as stdout.
    static func fillClosed() {
        for descriptor in STDIN_FILENO...STDERR_FILENO where fcntl(descriptor, F_GETFD) == -1 && errno == EBADF {
            let opened = open("/dev/null", O_RDWR)
            if opened >= 0 && opened != descriptor {
                dup2(opened, descriptor)
                close(opened)
            }
        }
    }
}
