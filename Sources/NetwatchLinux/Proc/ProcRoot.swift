import CNetlink
import Glibc

/// Why a file under the proc root could not be read; the message names the file.
public struct ProcReadError: Error, Equatable, Sendable, CustomStringConvertible {
    public let path: String
    public let errno: Int32
    /// Why the file, read whole, could not be parsed (then `errno` is 0).
    public var malformed: String?

    public init(path: String, errno: Int32) {
        self.path = path
        self.errno = errno
    }

    public init(path: String, malformed reason: String) {
        self.path = path
        self.errno = 0
        self.malformed = reason
    }

    public var isMissing: Bool { errno == ENOENT || errno == ENOTDIR }
    public var isPermission: Bool { errno == EACCES || errno == EPERM }

    public var description: String {
        if let malformed { return "\(path): \(malformed)" }
        if isMissing { return "\(path) is missing" }
        return "\(path) could not be read: \(String(cString: strerror(errno)))"
    }
}

/// The directory every kernel file is read relative to: `/proc` by default, a host's /proc
/// mounted elsewhere (containers), or a fixture tree in tests.
///
/// Reads are whole-file (`/proc` lies about sizes): read until end of file, never trust `st_size`.
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

    /// Reads a whole file as bytes.
    public func readBytes(_ relative: String) -> Result<[UInt8], ProcReadError> {
        let full = absolute(relative)
        let fd = open(full, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return .failure(ProcReadError(path: full, errno: errno)) }
        defer { close(fd) }
        var bytes = [UInt8]()
        var chunk = 16_384
        let scratch = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 20, alignment: 16)
        defer { scratch.deallocate() }
        while true {
            let n = Glibc.read(fd, scratch.baseAddress, chunk)
            if n < 0 {
                if errno == EINTR { continue }
                return .failure(ProcReadError(path: full, errno: errno))
            }
            if n == 0 { return .success(bytes) }
            bytes.append(contentsOf: UnsafeRawBufferPointer(rebasing: scratch[0..<n]))
            chunk = min(chunk * 2, scratch.count)
        }
    }

    /// Reads a whole file as UTF-8 text.
    public func read(_ relative: String) -> Result<String, ProcReadError> {
        readBytes(relative).map { String(decoding: $0, as: UTF8.self) }
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
        let full = absolute(relative)
        guard let dir = opendir(full) else { return .failure(ProcReadError(path: full, errno: errno)) }
        defer { closedir(dir) }
        var names = [String]()
        while let entry = readdir(dir) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(cString: raw.bindMemory(to: CChar.self).baseAddress!)
            }
            if name != "." && name != ".." { names.append(name) }
        }
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
