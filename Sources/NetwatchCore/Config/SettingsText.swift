import Glibc

/// What a settings file (`--config`, a theme) must be before it is parsed, for the readers in
/// NetwatchLinux and NetwatchUI: a regular file — never a device, FIFO or directory, which
/// would block, never end, or say nothing useful — of at most ``maximumBytes`` of UTF-8 text.
public enum SettingsText {
    /// 1 MiB: a settings file is a few dozen lines.
    public static let maximumBytes = 1 << 20

    /// Why a file of type `mode` (`st_mode`) cannot be read as settings; `nil` for a regular file.
    public static func refusal(mode: mode_t) -> String? {
        mode & S_IFMT == S_IFREG ? nil : "not a regular file (it is \(FileKind.name(of: mode)))"
    }

    /// The text of an open file, read through `read` — a `read(2)` on it: fills the buffer's
    /// start and returns the count, 0 at the end, -1 with `errno` set on failure — up to
    /// ``maximumBytes`` + 1 bytes, so an endless file is refused rather than read forever.
    /// - Throws: the reason as text when reading fails, or the file is too large or not UTF-8.
    public static func collect(_ read: (UnsafeMutableRawBufferPointer) -> Int) throws(SettingsTextError) -> String {
        var bytes = [UInt8](repeating: 0, count: maximumBytes + 1)
        var count = 0
        while count < bytes.count {
            let n = bytes.withUnsafeMutableBytes { read(UnsafeMutableRawBufferPointer(rebasing: $0[count...])) }
            if n < 0 && errno == EINTR { continue }
            guard n >= 0 else { throw SettingsTextError(reason: String(cString: strerror(errno))) }
            if n == 0 { break }
            count += n
        }
        return try decode(Array(bytes[..<count]))
    }

    /// The text of `bytes` read from the file (at most ``maximumBytes`` + 1 of them).
    /// - Throws: the reason as text when the file is too large or not UTF-8.
    static func decode(_ bytes: [UInt8]) throws(SettingsTextError) -> String {
        guard bytes.count <= maximumBytes else { throw SettingsTextError(reason: "larger than 1 MiB; a settings file is a few lines of text") }
        guard let text = String(validating: bytes, as: UTF8.self), !text.contains("\0") else {
            throw SettingsTextError(reason: "not UTF-8 text")
        }
        return text
    }
}

/// A settings file that is not text netwatch can parse; `reason` is said after the path.
public struct SettingsTextError: Error, Equatable, Sendable, CustomStringConvertible {
    public let reason: String

    public init(reason: String) {
        self.reason = reason
    }

    public var description: String { reason }
}
