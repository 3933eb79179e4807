import Foundation
import NetwatchCore

/// ``ThemeFileSystem`` on the real file system: regular files of UTF-8 text (``SettingsText``).
public struct DiskThemeFiles: ThemeFileSystem {
    public init() {}

    public func contents(of path: String) throws -> String? {
        // O_NONBLOCK: opening a FIFO must not wait for a writer (it is refused below).
        let fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        guard fd >= 0 else {
            if errno == ENOENT { return nil }
            throw SettingsTextError(reason: String(cString: strerror(errno)))
        }
        defer { close(fd) }
        var info = stat()
        fstat(fd, &info)
        if let refusal = SettingsText.refusal(mode: info.st_mode) { throw SettingsTextError(reason: refusal) }
        var bytes = [UInt8](repeating: 0, count: SettingsText.maximumBytes + 1)
        var count = 0
        while count < bytes.count {
            let n = bytes.withUnsafeMutableBytes { read(fd, $0.baseAddress! + count, $0.count - count) }
            if n < 0 && errno == EINTR { continue }
            guard n >= 0 else { throw SettingsTextError(reason: String(cString: strerror(errno))) }
            if n == 0 { break }
            count += n
        }
        return try SettingsText.decode(Array(bytes[..<count]))
    }

    public func fileNames(in directory: String) -> [String] {
        (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
    }
}
