import FoundationEssentials
import Glibc
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
        return try SettingsText.collect { read(fd, $0.baseAddress, $0.count) }
    }

    public func fileNames(in directory: String) -> [String] {
        (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
    }
}
