/// The labels under a time-series chart: `now` at the right edge and ages before it at a round
/// step (`-30s`, `-1m`, `-5m`, `-1h`…), each label ending at the column that shows its time.
/// The step is the smallest round one that keeps the labels ``minimumGap`` blank columns apart.
enum TimeAxis {
    /// A label and the column its last character sits on.
    struct Label: Equatable {
        var column: Int
        var text: String
    }

    /// Round steps, in seconds: labels in seconds below a minute, minutes below an hour, else hours.
    static let steps: [Double] = [1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 10800, 21600, 43200, 86400]

    /// The labels for `columns`; empty when not even `now` fits.
    static func labels(for columns: TimeColumns) -> [Label] {
        let width = columns.values.count
        guard width >= 3 else { return [] }
        var labels = [Label(column: width - 1, text: "now")]
        guard let step = step(for: columns) else { return labels }
        var age = step
        while let column = columns.column(secondsAgo: age), column >= text(age, step: step).count - 1 {
            labels.append(Label(column: column, text: text(age, step: step)))
            age += step
        }
        return labels.reversed()
    }

    /// Blank columns at least between two labels of the widest kind.
    static let minimumGap = 2

    /// The smallest step whose labels do not crowd (see ``minimumGap``); `nil` when no label but
    /// `now` fits.
    static func step(for columns: TimeColumns) -> Double? {
        let perColumn = columns.secondsPerColumn
        guard perColumn > 0 else { return nil }
        return steps.first { step in
            let widest = text(max(step, (columns.spanSeconds / step).rounded(.down) * step), step: step).count
            return step / perColumn >= Double(widest + minimumGap) && step < columns.spanSeconds
        }
    }

    /// `age` seconds ago in the unit of `step`: `-45s`, `-10m`, `-2h`.
    static func text(_ age: Double, step: Double) -> String {
        let (size, unit) = step >= 3600 ? (3600.0, "h") : step >= 60 ? (60.0, "m") : (1.0, "s")
        return "-\(Int(saturating: (age / size).rounded()))\(unit)"
    }
}
