import Glibc

/// A chart's vertical scale: from 0 to a round ``top`` at or above the largest value charted,
/// with labelled ticks at 0, half the top and the top (as many as the rows allow).
struct ValueScale: Equatable {
    /// A labelled value and the row it sits on, counted from the bottom of the plot.
    struct Tick: Equatable {
        var row: Int
        var label: String
    }

    /// The value that fills the whole height.
    let top: Double

    /// The smallest round number (1, 2, 3, 4, 5, 6 or 8 times a power of ten) at or above
    /// `largest`; 1 for nothing positive.
    init(covering largest: Double) {
        guard largest > 0, largest.isFinite else {
            top = 1
            return
        }
        let exponent = log10(largest).rounded(.down)
        // Dividing by a whole power of ten keeps 0.3 exact where multiplying by 0.1 would not.
        func scaled(_ step: Double) -> Double { exponent < 0 ? step / pow(10, -exponent) : step * pow(10, exponent) }
        top = scaled(ValueScale.roundSteps.first { scaled($0) >= largest * (1 - 1e-12) } ?? 10)
    }

    /// The multiples of a power of ten a scale's top may be.
    static let roundSteps: [Double] = [1, 2, 3, 4, 5, 6, 8, 10]

    /// The ticks for a plot `height` rows high: the top on the top row, 0 on the bottom row and
    /// half the top on the row that holds it, each when there is a row for it.
    func ticks(height: Int) -> [Tick] {
        guard height > 0 else { return [] }
        var ticks = [Tick(row: height - 1, label: ValueScale.label(top))]
        if height > 1 { ticks.append(Tick(row: 0, label: "0")) }
        let middle = row(of: top / 2, height: height)
        if height > 2, middle > 0, middle < height - 1 {
            ticks.insert(Tick(row: middle, label: ValueScale.label(top / 2)), at: 1)
        }
        return ticks
    }

    /// The row (from the bottom) whose band of values holds `value`, the top row for the top.
    func row(of value: Double, height: Int) -> Int {
        min(height - 1, max(0, Int(saturating: (value / top * Double(height)).rounded(.down))))
    }

    /// A tick value in the compact notation, without a `.0` (`20k`, `1.5k`, `400`, `0.5`).
    static func label(_ value: Double) -> String {
        DisplayFormat.rate(value).replacing(".0", with: "")
    }
}
