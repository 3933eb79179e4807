import CLibbpf
import Glibc
import NetwatchCore
import Synchronization

/// Keeps libbpf's messages off the terminal (the dashboard owns it) and remembers the last
/// warning, which a load failure's reason quotes.
enum LibbpfLog {
    private static let last = Mutex("")

    /// Routes libbpf's output here; once per process is enough, more is harmless.
    static func install() {
        _ = libbpf_set_print { level, format, arguments in
            guard level == LIBBPF_WARN, let format, let arguments else { return 0 }
            var buffer = [CChar](repeating: 0, count: 512)
            _ = vsnprintf(&buffer, buffer.count, format, arguments)
            let line = String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
                .trimming(while: \.isWhitespace)
            LibbpfLog.last.withLock { $0 = line }
            return 0
        }
    }

    /// The last warning libbpf printed, or "".
    static var lastWarning: String { last.withLock { $0 } }
}
