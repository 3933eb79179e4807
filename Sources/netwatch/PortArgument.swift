import NetwatchCommandLine
import NetwatchCore

/// `-p`, `--port PORTS` → ``PortSet``, with the error naming the option.
enum PortArgument {
    /// The filter of top, snapshot and record.
    static let filter = option(help: "Only sockets whose local or remote port is in PORTS (80, 80,443, 8000-8100).")

    static func option(help: String) -> ArgumentSpec {
        .option("port", short: "p", valueName: "PORTS", help: help)
    }

    static func parse(_ text: String) throws(UsageError) -> PortSet {
        do {
            return try PortSet.parse(text)
        } catch {
            throw .invalid("--port: \(error)")
        }
    }
}
