import Glibc

/// A file written all at once (`snapshot -o`, the dashboard's exports), by the rules of
/// ``OutputTarget``. A new path or a regular file gets its contents atomically: they go to a
/// temporary file in the same directory (created exclusively, never through a symlink), are
/// flushed to disk, then linked into place (a new path) or renamed over the file (which keeps
/// its mode and owner), so readers never see a half file. A character device, FIFO or open
/// descriptor (`/dev/null`, a named pipe, `/dev/stdout`) is written directly and never replaced.
public final class OutputFile {
    /// The path as given, named in errors (`-` for standard output).
    public let path: String
    private var fd: Int32
    private let destination: Destination

    private enum Destination {
        /// Contents go to `temporary`, then to `final`: renamed over it, or linked when new.
        case atomic(temporary: String, final: String, replaces: Bool)
        /// Contents go straight to `fd`, which this file closes when `owned`.
        case direct(owned: Bool)
    }

    /// Decides how to write from what is at `path` now and opens what it needs, so an
    /// unwritable destination fails before any work.
    /// - Parameters:
    ///   - mode: permission bits of a new file (0600 for exports holding peer addresses); a
    ///     replaced file keeps its own.
    ///   - overwrite: write over what is at `path` (`-o`); `false` only ever creates a new file
    ///     and refuses anything already there (`EEXIST`), for exports.
    public init(path: String, mode: mode_t = 0o644, overwrite: Bool = true) throws(FileWriteError) {
        self.path = path
        let target = overwrite ? try OutputTarget.resolve(path) : .newFile
        switch target {
        case .newFile:
            (fd, destination) = try Self.temporary(for: path, final: path, replaces: false)
            Self.applyMode(fd, mode)
        case let .regularFile(final, keptMode, owner, group):
            (fd, destination) = try Self.temporary(for: path, final: final, replaces: true)
            if owner != geteuid() || group != getegid() {
                guard fchown(fd, owner, group) == 0 else {
                    let code = errno
                    abandon()
                    throw FileWriteError(path: path, errno: code, while: "keeping its owner (uid \(owner), gid \(group)) on the replacement")
                }
            }
            fchmod(fd, keptMode)
        case .stream:
            fd = try OutputTarget.openStream(path)
            destination = .direct(owned: true)
        case let .descriptor(number):
            fd = number
            destination = .direct(owned: false)
        }
    }

    /// Writes to a descriptor someone else owns, such as standard output (`1`).
    public init(descriptor: Int32, name: String = "-") {
        self.path = name
        self.fd = descriptor
        self.destination = .direct(owned: false)
    }

    deinit { abandon() }

    /// Writes everything and, for an atomic file, syncs it and moves it into place.
    public func commit(_ contents: [UInt8]) throws(FileWriteError) {
        var written = 0
        while written < contents.count {
            let n = contents.withUnsafeBytes { write(fd, $0.baseAddress! + written, $0.count - written) }
            if n < 0 && errno == EINTR { continue }
            guard n > 0 else {
                let code = n == 0 ? EIO : errno
                abandon()
                throw FileWriteError(path: path, errno: code, while: "writing")
            }
            written += n
        }
        guard case let .atomic(temporary, final, replaces) = destination else { return abandon() }
        guard fsync(fd) == 0 else {
            let code = errno
            abandon()
            throw FileWriteError(path: path, errno: code, while: "flushing to disk")
        }
        close(fd)
        fd = -1
        if replaces {
            guard rename(temporary, final) == 0 else {
                let code = errno
                unlink(temporary)
                throw FileWriteError(path: path, errno: code, while: "renaming into place")
            }
        } else {
            let linked = link(temporary, final)
            let code = errno
            unlink(temporary)
            guard linked == 0 else { throw FileWriteError(path: path, errno: code, while: "creating") }
        }
    }

    /// Closes what this file opened and removes a temporary file; nothing more reaches `path`.
    public func abandon() {
        guard fd >= 0 else { return }
        switch destination {
        case let .atomic(temporary, _, _):
            close(fd)
            unlink(temporary)
        case let .direct(owned):
            if owned { close(fd) }
        }
        fd = -1
    }

    /// A fresh temporary file beside `final`, for the contents of `path`.
    private static func temporary(for path: String, final: String, replaces: Bool) throws(FileWriteError) -> (Int32, Destination) {
        let slash = final.lastIndex(of: "/")
        let directory = slash.map { String(final[...$0]) } ?? ""
        var template = Array((directory + ".netwatch-tmp-XXXXXX").utf8CString)
        let fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard fd >= 0 else { throw FileWriteError(path: path, errno: errno, while: "creating a temporary file in '\(directory.isEmpty ? "." : directory)'") }
        _ = fcntl(fd, F_SETFD, FD_CLOEXEC)
        let temporary = String(decoding: template.dropLast().map { UInt8(bitPattern: $0) }, as: UTF8.self)
        return (fd, .atomic(temporary: temporary, final: final, replaces: replaces))
    }

    /// `mode` less the process's umask, as `open(2)` would apply it.
    private static func applyMode(_ fd: Int32, _ mode: mode_t) {
        let mask = umask(0)
        umask(mask)
        fchmod(fd, mode & ~mask)
    }
}
