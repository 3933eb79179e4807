import Foundation

/// A fresh directory under the temporary folder (`mkdtemp`), removed with its contents by
/// ``remove()``; short paths, so they fit on a status line.
public final class ScratchDirectory {
    public let path: String

    public init(_ prefix: String) throws {
        var template = Array((NSTemporaryDirectory() + "/\(prefix)-XXXXXX").utf8CString)
        guard let made = mkdtemp(&template) else {
            throw ScratchDirectoryError(prefix: prefix, errno: errno)
        }
        path = URL(fileURLWithPath: String(cString: made)).standardizedFileURL.path
    }

    public func remove() {
        try? FileManager.default.removeItem(atPath: path)
    }

    /// Runs `body` with the path of a fresh directory, removed afterwards.
    public static func with(_ prefix: String, _ body: (String) throws -> Void) throws {
        let scratch = try ScratchDirectory(prefix)
        defer { scratch.remove() }
        try body(scratch.path)
    }
}

/// `mkdtemp` failed.
public struct ScratchDirectoryError: Error, CustomStringConvertible {
    public let prefix: String
    public let errno: Int32
    public var description: String { "mkdtemp \(prefix): \(String(cString: strerror(errno)))" }
}
