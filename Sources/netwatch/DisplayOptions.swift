import ArgumentParser
import NetwatchCore
import NetwatchUI

/// The dashboard's display options, shared by `top` and `replay`.
struct DisplayOptions: ParsableArguments {
    @Option(parsing: .unconditional, help: ArgumentHelp("How far back the trend charts reach (30s to 24h; default 15m). The newest 15 minutes keep every tick; older points are 10 s buckets holding their peak.", valueName: "DURATION"))
    var history: String = "15m"

    @Option(help: ArgumentHelp("Theme name (themes/NAME.toml, ~/.config/netwatch/themes/NAME.toml) or path to a .toml file.", valueName: "NAME|PATH"))
    var theme: String = "default"

    @Flag(help: "No colour; emphasis by bold and reverse (also when NO_COLOR is set).")
    var noColor = false

    @Flag(help: "Only ASCII glyphs: no block or braille characters (also when the locale is not UTF-8).")
    var ascii = false

    @Option(help: ArgumentHelp("Where `e` writes exports (env NETWATCH_EXPORT_DIR; default: the current directory).", valueName: "DIR"))
    var exportDir: String?

    func validate() throws {
        _ = try HistoryArgument.seconds(history)
        if exportDir?.isEmpty == true { throw ValidationError("--export-dir: expected a directory, not an empty string") }
    }

    /// The theme catalog and the starting theme; an unknown or broken theme is a usage error.
    func themes(environment: [String: String]) throws -> (ThemeCatalog, Theme) {
        let catalog = ThemeCatalog(directories: ThemeDirectories.search(environment: environment))
        do {
            return (catalog, try catalog.load(theme))
        } catch {
            throw DashboardExit(status: 2, message: "\(error)")
        }
    }

    /// Session settings for these options at `interval`, starting with `filter`.
    func settings(interval: Double, filter: PortSet?, environment: [String: String]) throws -> DashboardSession.Settings {
        DashboardSession.Settings(
            interval: interval, historySeconds: try HistoryArgument.seconds(history), filter: filter,
            exportDirectory: exportDir ?? environment["NETWATCH_EXPORT_DIR"].flatMap { $0.isEmpty ? nil : $0 } ?? ".",
            glyphs: ascii ? .ascii : .unicode, noColor: noColor || !(environment["NO_COLOR"] ?? "").isEmpty)
    }
}

/// `--history DURATION` → seconds, within what ``History`` is sized for.
enum HistoryArgument {
    static let range = 30.0...History.maximumWindowSeconds

    static func seconds(_ text: String) throws -> Double {
        let seconds: Double
        do {
            seconds = try TimeSpan.parse(text).seconds
        } catch {
            throw ValidationError("--history: \(error)")
        }
        guard range.contains(seconds) else {
            throw ValidationError("--history \(text): expected a duration from 30s to 24h")
        }
        return seconds
    }
}
