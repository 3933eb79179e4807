import NetwatchCore

/// The two text formats a scraper can ask for.
public enum ExpositionFormat: Sendable, CaseIterable {
    /// Prometheus text format 0.0.4.
    case prometheusText
    /// OpenMetrics 1.0.0 text.
    case openMetrics

    public var contentType: String {
        switch self {
        case .prometheusText: "text/plain; version=0.0.4; charset=utf-8"
        case .openMetrics: "application/openmetrics-text; version=1.0.0; charset=utf-8"
        }
    }

    /// OpenMetrics when the `Accept` header lists `application/openmetrics-text` with a non-zero
    /// quality (Prometheus sends it first); the 0.0.4 text format otherwise, also without `Accept`.
    public static func negotiate(accept: String?) -> ExpositionFormat {
        guard let accept else { return .prometheusText }
        for range in accept.split(separator: ",") {
            let parameters = range.split(separator: ";").map { $0.trimming(while: \Character.isWhitespace) }
            guard parameters.first?.lowercased() == "application/openmetrics-text" else { continue }
            let quality = parameters.dropFirst().first { $0.lowercased().hasPrefix("q=") }.flatMap { Double($0.dropFirst(2)) }
            if (quality ?? 1) > 0 { return .openMetrics }
        }
        return .prometheusText
    }
}
