import Foundation

/// ``ThemeFileSystem`` on the real file system (UTF-8 files).
public struct DiskThemeFiles: ThemeFileSystem {
    public init() {}

    public func contents(of path: String) throws -> String? {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue else {
            return nil
        }
        return try String(contentsOfFile: path, encoding: .utf8)
    }

    public func fileNames(in directory: String) -> [String] {
        (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
    }
}
