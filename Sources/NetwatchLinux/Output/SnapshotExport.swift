import FoundationEssentials
import NetwatchCore

/// Writes the dashboard's `e` export: the snapshot JSON plus the trend window, as
/// `netwatch-HOST-YYYYmmdd-HHMMSS.json` in the export directory — atomically, mode 0600 (it
/// holds peer addresses), never through a symlink and never over an existing file (a second
/// export in the same second gets `-2`, `-3` …).
public enum SnapshotExport {
    /// - Returns: the path written.
    public static func write(_ snapshot: Snapshot, history: History, directory: String, at date: Date) throws(FileWriteError) -> String {
        let json = SnapshotEncoder.encode(snapshot, extra: [("history", history.jsonValue)])
        let bytes = Array((json.serialized(pretty: true) + "\n").utf8)
        let base = (directory.hasSuffix("/") ? directory : directory + "/") + fileName(host: snapshot.hostName, date: date)
        var attempt = 1
        while true {
            let path = attempt == 1 ? base + ".json" : base + "-\(attempt).json"
            do {
                try OutputFile(path: path, mode: 0o600, overwrite: false).commit(bytes)
                return path
            } catch where error.reason.hasPrefix("creating:") && error.reason.hasSuffix("File exists") && attempt < 100 {
                attempt += 1
            }
        }
    }

    /// `netwatch-HOST-YYYYmmdd-HHMMSS` in UTC; the host name is reduced to safe file-name characters.
    public static func fileName(host: String?, date: Date) -> String {
        let safeHost = (host ?? "unknown").map { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "." ? $0 : "_" }
        // `2026-11-26T19:05:16.123Z` → `20261126` and `190516`.
        let digits = SnapshotEncoder.rfc3339(date).filter(\.isNumber)
        return "netwatch-\(String(safeHost))-\(digits.prefix(8))-\(digits.dropFirst(8).prefix(6))"
    }
}
