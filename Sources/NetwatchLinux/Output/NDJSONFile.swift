import Glibc
import NetwatchCore

/// An append-only file of lines (NDJSON), or standard output, for `netwatch record`.
///
/// Each line reaches the kernel with one `write(2)` as soon as it is appended, so a reader
/// following the file sees whole lines (there is no user-space buffer; there is no `fsync`
/// either). A failed or short write is undone with `ftruncate` back to the end of the last
/// line, so the file never ends in a torn line. With a ``RotationPlan``, a line that would take
/// the file past its limit first rotates FILE → FILE.1 → … and goes to a new FILE.
public final class NDJSONFile {
    /// The path named in errors (`-` for standard output).
    public let path: String
    private let rotation: RotationPlan?
    private let mode: mode_t
    private var fd: Int32
    private let ownsDescriptor: Bool
    /// Bytes in the current file (not counting what was there before, for standard output).
    private var size = 0
    /// Lines appended so far, across rotations.
    public private(set) var lines = 0

    /// Creates (or empties) `path` now, so an unwritable destination fails before any sampling.
    public init(path: String, rotation: RotationPlan? = nil, mode: mode_t = 0o644) throws(FileWriteError) {
        self.path = path
        self.rotation = rotation
        self.mode = mode
        self.ownsDescriptor = true
        self.fd = try Self.open(path, mode: mode)
    }

    /// Writes to a descriptor someone else owns, such as standard output (`1`).
    public init(descriptor: Int32, name: String = "-") {
        self.path = name
        self.rotation = nil
        self.mode = 0
        self.ownsDescriptor = false
        self.fd = descriptor
    }

    deinit {
        if ownsDescriptor { close(fd) }
    }

    /// Appends `line` (which should end in a newline) whole, rotating first when needed.
    /// - Throws: ``FileWriteError`` naming the path; its `code` is `EPIPE` when the reader of a
    ///   pipe went away (`SIGPIPE` must be ignored for that to be an error rather than death).
    public func append(_ line: [UInt8]) throws(FileWriteError) {
        if let rotation, rotation.needsRotation(fileSize: size, lineSize: line.count) {
            try rotate(rotation)
        }
        let start = lseek(fd, 0, SEEK_CUR)
        var written = 0
        while written < line.count {
            let n = line.withUnsafeBytes { write(fd, $0.baseAddress! + written, $0.count - written) }
            if n < 0 && errno == EINTR { continue }
            guard n > 0 else {
                let code = n == 0 ? EIO : errno
                // Undo a partial line; a pipe or terminal cannot seek (start < 0) and keeps it.
                if start >= 0 && written > 0 { _ = ftruncate(fd, start) }
                let kept = lines == 0 ? "" : lines == 1 ? " (the line before it is complete)" : " (the \(lines) before it are complete)"
                throw FileWriteError(path: path, errno: code, while: "writing line \(lines + 1)\(kept)")
            }
            written += n
        }
        size += written
        lines += 1
    }

    private func rotate(_ plan: RotationPlan) throws(FileWriteError) {
        for rename in plan.renames where Glibc.rename(rename.from, rename.to) != 0 && errno != ENOENT {
            throw FileWriteError(path: path, errno: errno, while: "rotating '\(rename.from)' to '\(rename.to)'")
        }
        let fresh = try Self.open(path, mode: mode)
        close(fd)
        fd = fresh
        size = 0
    }

    private static func open(_ path: String, mode: mode_t) throws(FileWriteError) -> Int32 {
        let fd = Glibc.open(path, O_WRONLY | O_CREAT | O_TRUNC | O_APPEND | O_CLOEXEC, mode)
        guard fd >= 0 else { throw FileWriteError(path: path, errno: errno, while: "opening") }
        return fd
    }
}
