import Glibc

/// Why an output file could not be written; names the path and the reason.
public struct FileWriteError: Error, Equatable, Sendable, CustomStringConvertible {
    public let path: String
    public let reason: String
    /// The C `errno` behind it (`EPIPE` when a pipe's reader went away).
    public let code: Int32

    public init(path: String, errno code: Int32, while step: String) {
        self.path = path
        self.code = code
        self.reason = "\(step): \(String(cString: strerror(code)))"
    }

    public var description: String { "cannot write '\(path)': \(reason)" }
}

/// A file written all at once or not at all: contents go to a temporary file in the same
/// directory (created exclusively, never through a symlink), are flushed to disk, then renamed
/// over — or, with `overwrite: false`, linked — into place. Readers never see a half file.
public final class AtomicFile {
    public let path: String
    private let temporaryPath: String
    private var fd: Int32
    private let overwrite: Bool

    /// Creates the temporary file now, so an unwritable destination fails before any work.
    /// - Parameters:
    ///   - mode: permission bits of the final file (0600 for exports holding peer addresses).
    ///   - overwrite: replace an existing file (`-o`); `false` refuses (`EEXIST`), for exports.
    public init(path: String, mode: mode_t = 0o644, overwrite: Bool = true) throws(FileWriteError) {
        self.path = path
        self.overwrite = overwrite
        let slash = path.lastIndex(of: "/")
        let directory = slash.map { String(path[...$0]) } ?? ""
        var template = Array((directory + ".netwatch-tmp-XXXXXX").utf8CString)
        let fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard fd >= 0 else { throw FileWriteError(path: path, errno: errno, while: "creating a temporary file in '\(directory.isEmpty ? "." : directory)'") }
        _ = fcntl(fd, F_SETFD, FD_CLOEXEC)
        self.fd = fd
        self.temporaryPath = String(decoding: template.dropLast().map { UInt8(bitPattern: $0) }, as: UTF8.self)
        let mask = umask(0)
        umask(mask)
        fchmod(fd, mode & ~mask)
    }

    deinit { abandon() }

    /// Writes everything, syncs, and moves the file into place.
    public func commit(_ contents: [UInt8]) throws(FileWriteError) {
        var written = 0
        while written < contents.count {
            let n = contents.withUnsafeBytes { write(fd, $0.baseAddress! + written, $0.count - written) }
            if n < 0 && errno == EINTR { continue }
            guard n > 0 else {
                let code = errno
                abandon()
                throw FileWriteError(path: path, errno: code, while: "writing")
            }
            written += n
        }
        guard fsync(fd) == 0 else {
            let code = errno
            abandon()
            throw FileWriteError(path: path, errno: code, while: "flushing to disk")
        }
        close(fd)
        fd = -1
        if overwrite {
            guard rename(temporaryPath, path) == 0 else {
                let code = errno
                unlink(temporaryPath)
                throw FileWriteError(path: path, errno: code, while: "renaming into place")
            }
        } else {
            let linked = link(temporaryPath, path)
            let code = errno
            unlink(temporaryPath)
            guard linked == 0 else { throw FileWriteError(path: path, errno: code, while: "creating") }
        }
    }

    /// Removes the temporary file; nothing reaches `path`.
    public func abandon() {
        guard fd >= 0 else { return }
        close(fd)
        fd = -1
        unlink(temporaryPath)
    }
}
