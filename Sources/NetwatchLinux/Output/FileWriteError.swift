import Glibc

/// Why an output file could not be written; names the path and the reason.
public struct FileWriteError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The path as the user gave it; `-` is standard output.
    public let path: String
    public let reason: String
    /// The C `errno` behind it (`EPIPE` when a pipe's reader went away), 0 for a refusal.
    public let code: Int32

    public init(path: String, errno code: Int32, while step: String) {
        self.path = path
        self.code = code
        self.reason = "\(step): \(String(cString: strerror(code)))"
    }

    /// A refusal that is not a failed system call: what is at `path` must not be written.
    public init(path: String, reason: String) {
        self.path = path
        self.code = 0
        self.reason = reason
    }

    public var description: String {
        path == "-" ? "cannot write to standard output: \(reason)" : "cannot write '\(path)': \(reason)"
    }
}
