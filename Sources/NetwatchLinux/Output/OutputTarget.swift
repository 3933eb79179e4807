import Glibc
import NetwatchCore

/// What an output path (`snapshot -o`, `record -o`) names now, and so how netwatch may write
/// there without replacing or widening anything:
///
/// - nothing: a new file is created;
/// - a regular file: replaced (snapshot) or emptied (record), keeping its mode and owner;
/// - a character device or FIFO (`/dev/null`, a named pipe): written in place, never replaced;
/// - `/dev/stdout`, `/dev/stderr`, `/dev/fd/N`, `/proc/self/fd/N`: the open descriptor itself;
/// - a symbolic link: never replaced; followed only to a file the invoking user owns, which is
///   then treated as above;
/// - a directory, block device or socket: refused.
public enum OutputTarget: Equatable, Sendable {
    /// Nothing is at the path yet.
    case newFile
    /// A regular file at `path` (the link's target when reached through a symlink).
    case regularFile(path: String, mode: mode_t, owner: uid_t, group: gid_t)
    /// A character device or FIFO, opened through the path as given.
    case stream
    /// A descriptor this process already has open.
    case descriptor(Int32)

    /// Looks at `path` without following a symlink except under the rules above.
    /// - Throws: ``FileWriteError`` naming `path` when it must not be written.
    public static func resolve(_ path: String) throws(FileWriteError) -> OutputTarget {
        guard !path.isEmpty else { throw FileWriteError(path: path, reason: "no file name given") }
        if let descriptor = openDescriptor(named: path) { return .descriptor(descriptor) }
        var info = stat()
        guard lstat(path, &info) == 0 else {
            if errno == ENOENT { return .newFile }
            throw FileWriteError(path: path, errno: errno, while: "looking at it")
        }
        guard info.st_mode & S_IFMT == S_IFLNK else { return try classify(path: path, info) }
        guard stat(path, &info) == 0 else {
            throw FileWriteError(path: path, reason: "it is a symbolic link to a missing file; netwatch does not create files through a symlink")
        }
        guard info.st_uid == getuid() else {
            throw FileWriteError(path: path, reason: "it is a symbolic link to a file owned by uid \(info.st_uid); netwatch writes through a symlink only into your own files")
        }
        guard info.st_mode & S_IFMT == S_IFREG else { return try classify(path: path, info) }
        guard let real = realpath(path, nil) else { throw FileWriteError(path: path, errno: errno, while: "following the symlink") }
        defer { free(real) }
        return try classify(path: String(cString: real), info)
    }

    /// The file's kind as a target; `path` is where a regular file lives.
    private static func classify(path: String, _ info: stat) throws(FileWriteError) -> OutputTarget {
        switch info.st_mode & S_IFMT {
        case S_IFREG: return .regularFile(path: path, mode: info.st_mode & 0o777, owner: info.st_uid, group: info.st_gid)
        case S_IFCHR, S_IFIFO: return .stream
        default: throw FileWriteError(path: path, reason: "it is \(FileKind.name(of: info.st_mode)); netwatch writes only to regular files, character devices and FIFOs")
        }
    }

    /// The descriptor behind `/dev/stdout`, `/dev/stderr`, `/dev/fd/N` or `/proc/self/fd/N`.
    static func openDescriptor(named path: String) -> Int32? {
        switch path {
        case "/dev/stdout": return STDOUT_FILENO
        case "/dev/stderr": return STDERR_FILENO
        default:
            for prefix in ["/dev/fd/", "/proc/self/fd/"] where path.hasPrefix(prefix) {
                let digits = path.dropFirst(prefix.count)
                guard !digits.isEmpty, digits.allSatisfy(\.isASCII), let number = Int32(digits) else { return nil }
                return number
            }
            return nil
        }
    }

    /// Opens a ``stream`` target for writing and checks it is still a device or FIFO (not a file
    /// swapped in since ``resolve(_:)``) the invoking user may write through a link to.
    static func openStream(_ path: String) throws(FileWriteError) -> Int32 {
        let fd = open(path, O_WRONLY | O_NOCTTY | O_CLOEXEC)
        guard fd >= 0 else { throw FileWriteError(path: path, errno: errno, while: "opening") }
        var info = stat()
        fstat(fd, &info)
        guard info.st_mode & S_IFMT == S_IFCHR || info.st_mode & S_IFMT == S_IFIFO else {
            close(fd)
            throw FileWriteError(path: path, reason: "it changed while being opened (now \(FileKind.name(of: info.st_mode)))")
        }
        return fd
    }
}
