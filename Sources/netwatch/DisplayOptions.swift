import NetwatchCommandLine
import NetwatchCore
import NetwatchUI

/// The dashboard's display options, shared by `top`, `replay` and `demo`.
struct DisplayOptions {
    static let history = ArgumentSpec.option(
        "history", valueName: "DURATION", default: "15m",
        help: "How far back the trend charts reach (30s to 24h; default 15m). The newest 15 minutes keep every tick; older points are 10 s buckets holding their peak.")
    static let theme = ArgumentSpec.option(
        "theme", valueName: "NAME|PATH", default: "default", completion: .file,
        help: "Theme name (themes/NAME.toml, ~/.config/netwatch/themes/NAME.toml) or path to a .toml file.")
    static let noColor = ArgumentSpec.flag("no-color", help: "No colour; emphasis by bold and reverse (also when NO_COLOR is set).")
    static let ascii = ArgumentSpec.flag("ascii", help: "Only ASCII glyphs: no block or braille characters (also when the locale is not UTF-8).")
    static let exportDir = ArgumentSpec.option(
        "export-dir", valueName: "DIR", completion: .directory,
        help: "Where `e` writes exports (env NETWATCH_EXPORT_DIR; default: the current directory).")
    static let arguments = [history, theme, noColor, ascii, exportDir]

    /// The trend window, in seconds.
    var historySeconds: Double
    var theme: String
    var noColor: Bool
    var ascii: Bool
    var exportDir: String?

    init(_ arguments: ParsedArguments) throws {
        historySeconds = try HistoryArgument.seconds(arguments.text(Self.history) ?? "")
        theme = arguments.text(Self.theme) ?? ""
        noColor = arguments.flag(Self.noColor)
        ascii = arguments.flag(Self.ascii)
        exportDir = arguments.text(Self.exportDir)
        if exportDir?.isEmpty == true { throw UsageError.invalid("--export-dir: expected a directory, not an empty string") }
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
    func settings(interval: Double, filter: PortSet?, environment: [String: String]) -> DashboardSession.Settings {
        DashboardSession.Settings(
            interval: interval, historySeconds: historySeconds, filter: filter,
            exportDirectory: exportDir ?? environment["NETWATCH_EXPORT_DIR"].flatMap { $0.isEmpty ? nil : $0 } ?? ".",
            glyphs: ascii ? .ascii : .unicode, noColor: noColor || !(environment["NO_COLOR"] ?? "").isEmpty)
    }
}

/// `--history DURATION` → seconds, within what ``History`` is sized for.
enum HistoryArgument {
    static let range = History.windowRange

    static func seconds(_ text: String) throws(UsageError) -> Double {
        let seconds: Double
        do {
            seconds = try TimeSpan.parse(text).seconds
        } catch {
            throw .invalid("--history: \(error)")
        }
        guard range.contains(seconds) else {
            throw .invalid("--history \(text): expected a duration from 30s to 24h")
        }
        return seconds
    }
}
