import Foundation

/// Renders a report as one line of JSON with sorted keys, for `READY <json>` and `STORM <json>`.
enum JSONLine {
    static func render<Report: Encodable>(_ report: Report) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        // Encoding plain structs of numbers, strings and arrays cannot fail.
        return (try? encoder.encode(report)).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
    }
}
