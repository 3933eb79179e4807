import Glibc

/// Numbers written the way C's `printf` writes them (`%.1f`, `%g`, `%02ld`), always with a `.`
/// decimal point: the C locale is used whatever locale the process runs in (curses sets the
/// user's, where the decimal separator may be a comma). Replaces Foundation's `String(format:)`,
/// which netwatch does not link.
public enum CFormat {
    /// `arguments` formatted by `format`, a printf format whose conversions match the arguments'
    /// C types (`Double` for `%f`/`%g`, `Int` for `%ld`).
    public static func string(_ format: String, _ arguments: CVarArg...) -> String {
        // Only when out of memory is there no C locale to make; the process's locale is used then.
        let cLocale: locale_t? = newlocale(LC_NUMERIC_MASK, "C", nil)
        let previous = cLocale.map { uselocale($0) }
        defer {
            if let cLocale, let previous {
                uselocale(previous)
                freelocale(cLocale)
            }
        }
        var buffer = [CChar](repeating: 0, count: 64)
        var length = print(format, arguments, into: &buffer)
        if length >= buffer.count {
            buffer = [CChar](repeating: 0, count: length + 1)
            length = print(format, arguments, into: &buffer)
        }
        return String(decoding: buffer.prefix(max(0, length)).map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// The length the whole text needs (without its terminating NUL), which may exceed `buffer`.
    private static func print(_ format: String, _ arguments: [CVarArg], into buffer: inout [CChar]) -> Int {
        buffer.withUnsafeMutableBufferPointer { bytes in
            Int(withVaList(arguments) { vsnprintf(bytes.baseAddress, bytes.count, format, $0) })
        }
    }
}
