import Glibc

/// Reads small text files under /proc (sysctls), which report a size of 0 and must be read to EOF.
enum ProcText {
    /// The whole file as text.
    static func read(_ path: String) throws(CapacityError) -> String {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw .unreadableSysctl(path: path, reason: SocketError.explain(errno)) }
        defer { close(fd) }
        var bytes = [UInt8]()
        var chunk = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = chunk.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
            if count < 0 && errno == EINTR { continue }
            guard count >= 0 else { throw .unreadableSysctl(path: path, reason: SocketError.explain(errno)) }
            if count == 0 { return String(decoding: bytes, as: UTF8.self) }
            bytes += chunk[..<count]
        }
    }

    /// The whitespace-separated integers of a sysctl file (`32768\t60999\n` gives two).
    static func integers(_ path: String) throws(CapacityError) -> [Int] {
        let fields = try read(path).split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" })
        let values = fields.compactMap { Int($0) }
        guard !values.isEmpty, values.count == fields.count else {
            throw .unreadableSysctl(path: path, reason: "expected integers")
        }
        return values
    }
}
