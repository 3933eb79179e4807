import CNetlink
import Glibc

/// Why a file under the proc root could not be read; the message names the file.
public struct ProcReadError: Error, Equatable, Sendable, CustomStringConvertible {
    public let path: String
    public let errno: Int32
    /// Why the file was not read although it opened: not a regular file, or larger than its bound.
    public let refusal: String?
    /// Why the file, read whole, could not be parsed (then `errno` is 0).
    public var malformed: String?
    /// A streamed file grew past its bound while being read: the bytes up to the bound were
    /// handed on (procfs reports size 0, so only reading finds out).
    public var readUpToBound = false

    public init(path: String, errno: Int32, refusal: String? = nil) {
        self.path = path
        self.errno = errno
        self.refusal = refusal
    }

    public init(path: String, malformed reason: String) {
        self.init(path: path, errno: 0)
        self.malformed = reason
    }

    public var isMissing: Bool { refusal == nil && (errno == ENOENT || errno == ENOTDIR) }
    public var isPermission: Bool { refusal == nil && (errno == EACCES || errno == EPERM) }

    public var description: String {
        if let malformed { return "\(path): \(malformed)" }
        if let refusal { return "\(path) \(refusal); " + (readUpToBound ? "read up to that bound" : "not read") }
        if isMissing { return "\(path) is missing" }
        return "\(path) could not be read: \(String(cString: strerror(errno)))"
    }
}

/// The directory every kernel file is read relative to: `/proc` by default, a host's /proc
/// mounted elsewhere (containers), or a fixture tree in tests.
///
/// Reads are whole-file (`/proc` lies about sizes): read until end of file or the file's bound,
/// never trust `st_size` (beyond refusing a regular file already larger than the bound).
public struct ProcRoot: Sendable {
    public let path: String
    /// The root is a mounted procfs (`PROC_SUPER_MAGIC`), not a copied tree: only then is
    /// `stat(PID/fd).st_size` an fd count.
    public let isProcfs: Bool

    public init(path: String = "/proc") {
        self.path = path.count > 1 && path.hasSuffix("/") ? String(path.dropLast()) : path
        self.isProcfs = cfs_filesystem_type(self.path) == 0x9FA0
    }

    /// `--proc-root` if given, else `NETWATCH_PROC_ROOT`, else `/proc`; the directory must exist
    /// and be readable and searchable.
    public static func resolve(option: String?, environment: [String: String]) throws(ProcRootError) -> ProcRoot {
        let chosen = option ?? environment["NETWATCH_PROC_ROOT"].flatMap { $0.isEmpty ? nil : $0 }
        let root = ProcRoot(path: chosen ?? "/proc")
        var info = stat()
        guard stat(root.path, &info) == 0 else { throw ProcRootError(path: root.path, reason: String(cString: strerror(errno))) }
        guard info.st_mode & S_IFMT == S_IFDIR else { throw ProcRootError(path: root.path, reason: "not a directory") }
        guard access(root.path, R_OK | X_OK) == 0 else {
            throw ProcRootError(path: root.path, reason: "cannot be read (\(String(cString: strerror(errno)))), so netwatch would read nothing", unreadable: true)
        }
        return root
    }

    /// Absolute path of a file under the root (`net/tcp` → `/proc/net/tcp`).
    public func absolute(_ relative: String) -> String { path + "/" + relative }

    /// The most a kernel text file is read to (sysctls, counters, `PID/limits`): they are a few
    /// KiB; more means the tree is not a kernel's.
    public static let kernelFileLimit = 1 << 20
    /// The most `net/tcp` or `net/tcp6` is read to: 256 MiB, about 1.7 million sockets at 150
    /// bytes a line (sock_diag, the live default, has no such bound).
    public static let socketTableLimit = 256 << 20

    /// Reads a whole file as bytes, up to `limit` bytes.
    ///
    /// Only regular files are read (procfs files are regular, with size 0): a FIFO, a device or a
    /// directory in a crafted tree is refused rather than read forever or blocked on. Opening never
    /// blocks (`O_NONBLOCK`) and never makes a terminal the controlling one (`O_NOCTTY`).
    public func readBytes(_ relative: String, limit: Int = ProcRoot.kernelFileLimit) -> Result<[UInt8], ProcReadError> {
        let full = absolute(relative)
        let fd: Int32, size: Int
        switch openRegular(full, limit: limit) {
        case let .failure(error): return .failure(error)
        case let .success(opened): (fd, size) = opened
        }
        defer { close(fd) }
        let tooLarge = ProcReadError(path: full, errno: 0, refusal: "is larger than \(ProcRoot.describe(bytes: limit))")
        var bytes = [UInt8]()
        // A copied tree's size is known (procfs says 0): one allocation instead of doublings.
        bytes.reserveCapacity(size)
        // The scratch buffer doubles with the reads, up to 1 MiB: a kernel text file of a few KiB
        // takes a small heap block, not a 1 MiB mapping made and unmapped on every read.
        var chunk = 16_384
        var scratch = UnsafeMutableRawBufferPointer.allocate(byteCount: chunk, alignment: 16)
        defer { scratch.deallocate() }
        while true {
            let n = Glibc.read(fd, scratch.baseAddress, min(chunk, limit + 1 - bytes.count))
            if n < 0 {
                if errno == EINTR { continue }
                return .failure(ProcReadError(path: full, errno: errno))
            }
            if n == 0 { return .success(bytes) }
            bytes.append(contentsOf: UnsafeRawBufferPointer(rebasing: scratch[0..<n]))
            if bytes.count > limit { return .failure(tooLarge) }
            if n == chunk, chunk < 1 << 20 {
                chunk *= 2
                scratch.deallocate()
                scratch = .allocate(byteCount: chunk, alignment: 16)
            }
        }
    }

    /// Opens a file for reading, with its size as `fstat` tells it, when it is a regular file not
    /// already larger than `limit`; the caller closes the descriptor.
    func openRegular(_ full: String, limit: Int) -> Result<(fd: Int32, size: Int), ProcReadError> {
        let fd = open(full, O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY)
        guard fd >= 0 else { return .failure(ProcReadError(path: full, errno: errno)) }
        var info = stat()
        var refusal: ProcReadError?
        if fstat(fd, &info) != 0 {
            refusal = ProcReadError(path: full, errno: errno)
        } else if info.st_mode & S_IFMT != S_IFREG {
            refusal = ProcReadError(path: full, errno: 0, refusal: "is \(ProcRoot.kind(of: info.st_mode)), not a regular file")
        } else if Int(info.st_size) > limit {
            refusal = ProcReadError(path: full, errno: 0, refusal: "is larger than \(ProcRoot.describe(bytes: limit))")
        }
        if let refusal {
            close(fd)
            return .failure(refusal)
        }
        return .success((fd, Int(info.st_size)))
    }

    /// What a file that is not regular is, for the message refusing it.
    static func kind(of mode: mode_t) -> String {
        switch mode & S_IFMT {
        case S_IFDIR: "a directory"
        case S_IFIFO: "a FIFO"
        case S_IFCHR: "a character device"
        case S_IFBLK: "a block device"
        case S_IFSOCK: "a socket"
        default: "of file type \(String(mode & S_IFMT, radix: 8))"
        }
    }

    /// A bound in the unit it was given in: `256 MiB`, `1 MiB`, `4096 bytes`.
    static func describe(bytes: Int) -> String {
        bytes >= 1 << 20 && bytes % (1 << 20) == 0 ? "\(bytes >> 20) MiB" : "\(bytes) bytes"
    }

    /// Reads a whole file as UTF-8 text, up to `limit` bytes.
    public func read(_ relative: String, limit: Int = ProcRoot.kernelFileLimit) -> Result<String, ProcReadError> {
        readBytes(relative, limit: limit).map { String(decoding: $0, as: UTF8.self) }
    }

    /// Process ids: the numeric entries of the root, ascending.
    public func processIDs() -> [Int32] {
        guard let dir = opendir(path) else { return [] }
        defer { closedir(dir) }
        var pids = [Int32]()
        while let entry = readdir(dir) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(cString: raw.bindMemory(to: CChar.self).baseAddress!)
            }
            if let pid = Int32(name), pid > 0 { pids.append(pid) }
        }
        return pids.sorted()
    }

    /// Names in a directory under the root, or the error that prevented listing it.
    public func list(_ relative: String) -> Result<[String], ProcReadError> {
        var names = [String]()
        if let error = forEachEntry(in: relative, { names.append($0); return true }) { return .failure(error) }
        return .success(names)
    }

    /// `stat().st_size` of a path under the root (for `/proc/PID/fd` it is the open-fd count on 6.2+).
    public func size(_ relative: String) -> Result<Int, ProcReadError> {
        let full = absolute(relative)
        var info = stat()
        guard stat(full, &info) == 0 else { return .failure(ProcReadError(path: full, errno: errno)) }
        return .success(Int(info.st_size))
    }

    /// The target of a symbolic link under the root.
    public func readLink(_ relative: String) -> String? {
        var buffer = [CChar](repeating: 0, count: 256)
        let n = readlink(absolute(relative), &buffer, buffer.count - 1)
        guard n > 0 else { return nil }
        return String(decoding: buffer[0..<n].map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}

/// `--proc-root` (or `NETWATCH_PROC_ROOT`) does not name a directory, or one netwatch can read.
public struct ProcRootError: Error, Equatable, CustomStringConvertible {
    public let path: String
    public let reason: String
    /// The directory exists but cannot be read (mode 000 for this user): a failure, not a typo.
    public var unreadable = false
    public var description: String { "--proc-root '\(path)': \(reason)" }
}
