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
    /// The files this recording created or emptied, which rotation may rename.
    private var ours = Set<FileIdentity>()
    /// Lines appended so far, across rotations.
    public private(set) var lines = 0

    /// Creates or empties `path` now, so an unwritable destination fails before any sampling.
    /// What is at `path` is treated by the rules of ``OutputTarget``: an existing regular file is
    /// emptied in place (keeping its mode and owner), a device or FIFO is written as it is, a
    /// symlink is never replaced. With `rotation`, `path` and its rotated files must be absent
    /// or regular files (see ``checkRotation(_:ours:)``).
    public init(path: String, rotation: RotationPlan? = nil, mode: mode_t = 0o644) throws(FileWriteError) {
        self.path = path
        self.rotation = rotation
        self.mode = mode
        if let rotation {
            // FILE itself is the user's to rotate, whoever owns it: they named it.
            var info = stat()
            let named = lstat(path, &info) == 0 ? [FileIdentity(info)] : []
            try Self.checkRotation(rotation, ours: Set(named))
        }
        switch try OutputTarget.resolve(path) {
        case .newFile:
            fd = try Self.create(path, mode: mode)
            ownsDescriptor = true
        case let .regularFile(real, _, _, _):
            fd = try Self.empty(real, named: path)
            ownsDescriptor = true
        case .stream:
            fd = try OutputTarget.openStream(path)
            ownsDescriptor = true
        case let .descriptor(number):
            fd = number
            ownsDescriptor = false
        }
        if rotation != nil { ours.insert(FileIdentity(fd)) }
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
        try Self.checkRotation(plan, ours: ours)
        for rename in plan.renames where Glibc.rename(rename.from, rename.to) != 0 && errno != ENOENT {
            throw FileWriteError(path: path, errno: errno, while: "rotating '\(rename.from)' to '\(rename.to)'")
        }
        let fresh = try Self.create(path, mode: mode)
        close(fd)
        fd = fresh
        size = 0
        ours.insert(FileIdentity(fresh))
    }

    /// Refuses a rotation that would rename or replace anything but a regular file this recording
    /// wrote (`ours`) or one owned by the same user (an earlier recording's): a directory, a
    /// symlink or a device named like FILE.3 is never moved.
    static func checkRotation(_ plan: RotationPlan, ours: Set<FileIdentity>) throws(FileWriteError) {
        for slot in [plan.path] + plan.renames.map(\.to) {
            var info = stat()
            guard lstat(slot, &info) == 0 else {
                if errno == ENOENT { continue }
                throw FileWriteError(path: plan.path, errno: errno, while: "looking at '\(slot)' before rotating")
            }
            guard info.st_mode & S_IFMT == S_IFREG else {
                throw FileWriteError(path: plan.path, reason: "cannot rotate: '\(slot)' is \(FileKind.name(of: info.st_mode)); --max-size renames only regular files (move it away)")
            }
            guard ours.contains(FileIdentity(info)) || info.st_uid == geteuid() else {
                throw FileWriteError(path: plan.path, reason: "cannot rotate: '\(slot)' belongs to uid \(info.st_uid), not to this recording (move it away)")
            }
        }
    }

    /// A new file at `path`: never through a symlink, never over something that appeared.
    private static func create(_ path: String, mode: mode_t) throws(FileWriteError) -> Int32 {
        let fd = Glibc.open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_APPEND | O_CLOEXEC, mode)
        guard fd >= 0 else { throw FileWriteError(path: path, errno: errno, while: "opening") }
        return fd
    }

    /// The regular file at `real` (the target of `path` when that is a symlink), emptied in place.
    private static func empty(_ real: String, named path: String) throws(FileWriteError) -> Int32 {
        let fd = Glibc.open(real, O_WRONLY | O_NOFOLLOW | O_APPEND | O_CLOEXEC)
        guard fd >= 0 else { throw FileWriteError(path: path, errno: errno, while: "opening") }
        var info = stat()
        fstat(fd, &info)
        guard info.st_mode & S_IFMT == S_IFREG else {
            close(fd)
            throw FileWriteError(path: path, reason: "it changed while being opened (now \(FileKind.name(of: info.st_mode)))")
        }
        guard ftruncate(fd, 0) == 0 else {
            let code = errno
            close(fd)
            throw FileWriteError(path: path, errno: code, while: "emptying")
        }
        return fd
    }
}
