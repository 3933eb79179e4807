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

    /// The directory's entries but `.` and `..`, in the order the file system lists them; none
    /// when it cannot be opened.
    public func fileNames(in directory: String) -> [String] {
        guard let stream = opendir(directory) else { return [] }
        defer { closedir(stream) }
        var names = [String]()
        while let entry = readdir(stream) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
            if name != ".", name != ".." { names.append(name) }
        }
        return names
    }
}
