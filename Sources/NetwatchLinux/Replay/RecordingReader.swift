import Glibc
import NetwatchCore

/// Reads a recording for `netwatch replay` as it arrives, and any line of it again later.
///
/// A regular file is read in place and followed as it grows (a recorder may still be writing
/// it). Standard input (`-`, a pipe such as `ssh host netwatch record -o - | netwatch replay -`)
/// is read without blocking and spooled to an unlinked temporary file, so memory does not grow
/// with the recording and any line can be read back by its offset.
public final class RecordingReader {
    /// The name shown and used in errors: the path, or `-`.
    public let name: String
    /// A pipe (or other stream) rather than a regular file.
    public let isStream: Bool
    private let source: Int32
    /// Where lines are read back from: the file itself, or the spool.
    private let store: Int32
    /// The stream reached its end (the writer closed it). A file never ends: it may grow.
    public private(set) var streamEnded = false
    /// Device and inode of the file opened, to notice when its path is given to another file.
    private var identity: (device: UInt, inode: UInt)?
    /// Bytes of the file read so far.
    private var consumed = 0
    /// The file's first bytes as read (up to ``headBytes``), to notice it being written anew.
    private var head: [UInt8] = []
    /// How many leading bytes identify a recording: its first line's `taken_at` is within them.
    static let headBytes = 128

    /// What happened to a followed file since it was opened.
    public enum FileChange: Equatable, Sendable {
        /// Its path names another file or none: `record --max-size` renamed it to FILE.1 and
        /// started a new FILE, or it was deleted. What was read stays readable (the descriptor
        /// keeps the old file); nothing more will be written to it.
        case replaced
        /// The same file was emptied and written again (`record -o FILE` once more): the bytes
        /// already read are gone, and what follows belongs to another recording.
        case rewritten
    }

    /// Why a recording cannot be read.
    public struct OpenError: Error, CustomStringConvertible, Equatable {
        public let message: String
        public var description: String { message }
    }

    /// Opens `path`, or standard input for `-`.
    public init(path: String) throws(OpenError) {
        name = path
        if path == "-" {
            guard isatty(STDIN_FILENO) == 0 else {
                throw OpenError(message: "replay -: standard input is a terminal; pipe a recording in (netwatch record -o - | netwatch replay -)")
            }
            source = STDIN_FILENO
            isStream = true
        } else {
            let fd = open(path, O_RDONLY | O_CLOEXEC)
            guard fd >= 0 else { throw OpenError(message: "cannot open \(path): \(String(cString: strerror(errno)))") }
            var info = stat()
            guard fstat(fd, &info) == 0, (info.st_mode & S_IFMT) != S_IFDIR else {
                close(fd)
                throw OpenError(message: "cannot replay \(path): it is a directory; give a file written by netwatch record or an export")
            }
            source = fd
            isStream = (info.st_mode & S_IFMT) != S_IFREG
            if !isStream { identity = (UInt(info.st_dev), UInt(info.st_ino)) }
        }
        if isStream {
            _ = fcntl(source, F_SETFL, fcntl(source, F_GETFL) | O_NONBLOCK)
            let spool = RecordingReader.openSpool()
            guard spool >= 0 else {
                throw OpenError(message: "cannot create a temporary file to hold the replayed stream: \(String(cString: strerror(errno))); set TMPDIR to a writable directory")
            }
            store = spool
        } else {
            store = source
        }
    }

    deinit {
        if source != STDIN_FILENO { close(source) }
        if store != source { close(store) }
    }

    /// A descriptor to wait on for more data: the stream until it ends, else -1 (a file is read
    /// again on each tick instead).
    public var pollDescriptor: Int32 { isStream && !streamEnded ? source : -1 }

    /// Reads what is available now, at most `limit` bytes, without blocking; empty when nothing
    /// is (yet). - Throws: ``OpenError`` when reading fails.
    public func readAvailable(limit: Int) throws(OpenError) -> [UInt8] {
        var buffer = [UInt8](repeating: 0, count: limit)
        while true {
            let n = buffer.withUnsafeMutableBytes { read(source, $0.baseAddress, limit) }
            if n < 0 && errno == EINTR { continue }
            if n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK) { return [] }
            guard n >= 0 else { throw OpenError(message: "reading \(name): \(String(cString: strerror(errno)))") }
            if n == 0 {
                if isStream { streamEnded = true }
                return []
            }
            buffer.removeSubrange(n...)
            if isStream {
                try spool(buffer)
            } else {
                if head.count < Self.headBytes { head += buffer.prefix(Self.headBytes - head.count) }
                consumed += n
            }
            return buffer
        }
    }

    /// What happened to the file since it was opened, if anything; always nil for a stream.
    /// Costs an `fstat`, a `stat` and a 128-byte `pread`: check it about once per follow tick.
    public var change: FileChange? {
        guard let identity else { return nil }
        var info = stat()
        if fstat(source, &info) == 0, Int(info.st_size) < consumed { return .rewritten }
        if !head.isEmpty {
            var now = [UInt8](repeating: 0, count: head.count)
            let n = now.withUnsafeMutableBytes { pread(source, $0.baseAddress, head.count, 0) }
            if n != head.count || now != head { return .rewritten }
        }
        guard stat(name, &info) == 0 else { return .replaced }
        return UInt(info.st_dev) != identity.device || UInt(info.st_ino) != identity.inode ? .replaced : nil
    }

    /// The first snapshot's `taken_at` (an ISO 8601 UTC time, which sorts as text), read from the
    /// start of a file; nil for a stream or a file that does not start with a snapshot line.
    public var firstTakenAt: String? {
        guard !isStream else { return nil }
        let start = String(decoding: bytes(of: NDJSONLineSplitter.Line(offset: 0, length: 256)), as: UTF8.self)
        guard let key = start.firstRange(of: "\"taken_at\":\""), let end = start[key.upperBound...].firstIndex(of: "\"") else { return nil }
        return String(start[key.upperBound..<end])
    }

    /// The bytes of one line, read back from the file or the spool.
    public func bytes(of line: NDJSONLineSplitter.Line) -> [UInt8] {
        var buffer = [UInt8](repeating: 0, count: line.length)
        var done = 0
        while done < line.length {
            let n = buffer.withUnsafeMutableBytes { pread(store, $0.baseAddress! + done, line.length - done, off_t(line.offset + done)) }
            if n < 0 && errno == EINTR { continue }
            guard n > 0 else { break }
            done += n
        }
        return Array(buffer.prefix(done))
    }

    private func spool(_ bytes: [UInt8]) throws(OpenError) {
        var written = 0
        while written < bytes.count {
            let n = bytes.withUnsafeBytes { write(store, $0.baseAddress! + written, bytes.count - written) }
            if n < 0 && errno == EINTR { continue }
            guard n > 0 else {
                throw OpenError(message: "cannot keep the replayed stream in a temporary file: \(String(cString: strerror(errno))); set TMPDIR to a directory with free space")
            }
            written += n
        }
    }

    /// An unlinked read-write file in `TMPDIR` (default /tmp): gone when closed.
    private static func openSpool() -> Int32 {
        let directory = getenv("TMPDIR").map { String(cString: $0) }.flatMap { $0.isEmpty ? nil : $0 } ?? "/tmp"
        var template = Array((directory + "/netwatch-replay-XXXXXX").utf8CString)
        let named = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        if named >= 0 { template.withUnsafeBufferPointer { _ = unlink($0.baseAddress!) } }
        return named
    }
}
