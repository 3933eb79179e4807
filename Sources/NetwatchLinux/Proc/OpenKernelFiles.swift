import Glibc
import Synchronization

/// Kernel files kept open between ticks and read again from offset 0 with one `pread`: procfs
/// generates a file's content anew on every read that starts at 0 (the seq_files such as
/// `net/snmp`, `net/netstat` and `net/sockstat`, and the sysctls under `sys/`), so a tick costs one
/// system call per file instead of open, fstat, read, read and close. A file opened from a
/// network namespace's directory stays bound to that namespace, like the collector using it.
/// Only for a real procfs: a copied tree's files may be replaced between reads.
public final class OpenKernelFiles: Sendable {
    /// Descriptors by relative path, and the buffer every read goes through (grown when a file
    /// fills it).
    private struct State: ~Copyable {
        var descriptors: [String: Int32] = [:]
        var buffer: UnsafeMutableRawBufferPointer

        init(bufferSize: Int) { buffer = .allocate(byteCount: bufferSize, alignment: 16) }

        deinit {
            for descriptor in descriptors.values { close(descriptor) }
            buffer.deallocate()
        }
    }

    public let root: ProcRoot
    private let state: Mutex<State>

    /// - Parameter bufferSize: bytes read at first (kernel text files are a few KiB).
    public init(root: ProcRoot, bufferSize: Int = 16_384) {
        self.root = root
        state = Mutex(State(bufferSize: bufferSize))
    }

    /// Reads a whole file as UTF-8 text, up to `limit` bytes, through its kept descriptor (opened
    /// on the first read; a failed one is closed, so the next read opens it again).
    public func read(_ relative: String, limit: Int = ProcRoot.kernelFileLimit) -> Result<String, ProcReadError> {
        state.withLock { state in
            let descriptor: Int32
            if let open = state.descriptors[relative] {
                descriptor = open
            } else {
                switch root.openRegular(root.absolute(relative), limit: limit) {
                case let .failure(error): return .failure(error)
                case let .success(opened): descriptor = opened.0
                }
                state.descriptors[relative] = descriptor
            }
            while true {
                let n = pread(descriptor, state.buffer.baseAddress, state.buffer.count, 0)
                if n < 0 {
                    if errno == EINTR { continue }
                    let error = ProcReadError(path: root.absolute(relative), errno: errno)
                    close(descriptor)
                    state.descriptors[relative] = nil
                    return .failure(error)
                }
                if n > limit {
                    return .failure(ProcReadError(path: root.absolute(relative), errno: 0,
                                                  refusal: "is larger than \(ProcRoot.describe(bytes: limit))"))
                }
                if n < state.buffer.count {
                    return .success(String(decoding: UnsafeRawBufferPointer(rebasing: state.buffer[0..<n]), as: UTF8.self))
                }
                // The buffer was filled: the file may be longer. Read it again whole into a larger one.
                guard state.buffer.count <= limit else {
                    return .failure(ProcReadError(path: root.absolute(relative), errno: 0,
                                                  refusal: "is larger than \(ProcRoot.describe(bytes: limit))"))
                }
                let larger = UnsafeMutableRawBufferPointer.allocate(byteCount: state.buffer.count * 2, alignment: 16)
                state.buffer.deallocate()
                state.buffer = larger
            }
        }
    }
}
