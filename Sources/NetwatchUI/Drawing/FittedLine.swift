/// A line of labelled items that adapts to the width it gets: each item, in priority order,
/// goes in its long form if that fits, else its short form, else not at all. Items keep their
/// priority order on screen, separated by two spaces.
struct FittedLine {
    struct Item {
        /// Preferred runs, then a shorter alternative (may equal the long one).
        let long: [TextRun]
        let short: [TextRun]

        init(_ long: [TextRun], short: [TextRun]? = nil) {
            self.long = long
            self.short = short ?? long
        }
    }

    static let separator = "  "

    /// The runs that fit in `width` columns.
    static func fit(_ items: [Item], width: Int) -> [TextRun] {
        var runs = [TextRun]()
        var used = 0
        for item in items {
            let gap = runs.isEmpty ? 0 : separator.count
            guard let choice = [item.long, item.short].first(where: { used + gap + columns($0) <= width }) else { continue }
            if gap > 0 { runs.append(TextRun(separator, .normal)) }
            runs += choice
            used += gap + columns(choice)
        }
        return runs
    }

    static func columns(_ runs: [TextRun]) -> Int { runs.reduce(0) { $0 + $1.width } }
}
