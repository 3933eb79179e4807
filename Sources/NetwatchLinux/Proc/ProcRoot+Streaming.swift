import Glibc

extension ProcRoot {
    /// The most bytes ``stream(_:limit:_:)`` holds at once: the whole of its memory for a file,
    /// whatever the file's length (a million sockets are 150 MB of `net/tcp`).
    public static let streamChunkSize = 1 << 16

    /// Reads a file in chunks of at most ``streamChunkSize`` bytes, handing each to `body` as it
    /// arrives, so the file is never held whole.
    ///
    /// The same files are refused as by ``readBytes(_:limit:)``, with the same messages: one that
    /// is not regular, or one whose size is already larger than `limit`. A file that grows past
    /// `limit` while read (procfs reports size 0) fails once the bound is passed, after the
    /// chunks before it were handed on; its error says so.
    /// - Returns: the number of bytes read.
    public func stream(_ relative: String, limit: Int, _ body: (UnsafeBufferPointer<UInt8>) -> Void) -> Result<Int, ProcReadError> {
        let full = absolute(relative)
        let fd: Int32
        switch openRegular(full, limit: limit) {
        case let .failure(error): return .failure(error)
        case let .success(opened): fd = opened.fd
        }
        defer { close(fd) }
        let chunk = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: ProcRoot.streamChunkSize)
        defer { chunk.deallocate() }
        var total = 0
        while true {
            let n = Glibc.read(fd, chunk.baseAddress, min(chunk.count, limit - total))
            if n < 0 {
                if errno == EINTR { continue }
                return .failure(ProcReadError(path: full, errno: errno))
            }
            if n == 0 {
                guard total == limit, oneMoreByte(fd) else { return .success(total) }
                var error = ProcReadError(path: full, errno: 0, refusal: "is larger than \(ProcRoot.describe(bytes: limit))")
                error.readUpToBound = true
                return .failure(error)
            }
            body(UnsafeBufferPointer(rebasing: chunk[0..<n]))
            total += n
        }
    }

    /// Hands each name in a directory under the root (not `.` and `..`) to `body` as `readdir`
    /// returns it, until `body` returns `false`: a process holding a million sockets has a
    /// million fds, never listed as one array.
    /// - Returns: the error that prevented opening the directory, if one did.
    public func forEachEntry(in relative: String, _ body: (String) -> Bool) -> ProcReadError? {
        let full = absolute(relative)
        guard let dir = opendir(full) else { return ProcReadError(path: full, errno: errno) }
        defer { closedir(dir) }
        while let entry = readdir(dir) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(cString: raw.bindMemory(to: CChar.self).baseAddress!)
            }
            if name != "." && name != ".." && !body(name) { break }
        }
        return nil
    }

    /// Whether a file read up to its bound has more (a short read at the bound is not its end).
    private func oneMoreByte(_ fd: Int32) -> Bool {
        var byte: UInt8 = 0
        while true {
            let n = Glibc.read(fd, &byte, 1)
            if n < 0 && errno == EINTR { continue }
            return n > 0
        }
    }
}
