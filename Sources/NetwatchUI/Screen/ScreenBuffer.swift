/// The screen as a grid of ``Cell``s that panes draw into and a terminal backend copies out.
///
/// Every drawing call clips: coordinates outside the grid or the given clip rectangle are
/// ignored, so a 0×0 or 1×1 buffer is as safe as a large one. Text is drawn one scalar per
/// column; scalars that a terminal would not show in exactly one column become `?`.
public struct ScreenBuffer: Equatable, Sendable {
    public let width: Int
    public let height: Int
    private var cells: [Cell]

    /// A blank buffer; negative sizes give an empty one.
    public init(width: Int, height: Int) {
        self.width = max(0, width)
        self.height = max(0, height)
        cells = Array(repeating: .blank, count: self.width * self.height)
    }

    /// The whole grid as a rectangle.
    public var bounds: Rect { Rect(x: 0, y: 0, width: width, height: height) }

    /// The cell at column `x`, row `y`; `nil` outside the grid.
    public subscript(x: Int, y: Int) -> Cell? {
        bounds.contains(x: x, y: y) ? cells[y * width + x] : nil
    }

    /// Sets one cell if it lies inside both the grid and `clip`.
    public mutating func put(_ scalar: Unicode.Scalar, x: Int, y: Int, role: ColorRole, clip: Rect? = nil) {
        guard bounds.contains(x: x, y: y), clip?.contains(x: x, y: y) ?? true else { return }
        cells[y * width + x] = Cell(scalar.isSingleColumn ? scalar : "?", role: role)
    }

    /// Draws `text` from column `x` on row `y`, cut at the edge of `clip` (default: the grid).
    /// - Returns: the column after the last scalar, as if nothing had been clipped.
    @discardableResult
    public mutating func write(_ text: String, x: Int, y: Int, role: ColorRole, clip: Rect? = nil) -> Int {
        var column = x
        for scalar in text.unicodeScalars {
            put(scalar, x: column, y: y, role: role, clip: clip)
            column += 1
        }
        return column
    }

    /// Draws `text` on the first row of `rect`, aligned within its width; text wider than the
    /// row keeps its left part.
    public mutating func write(_ text: String, in rect: Rect, align: TextAlignment, role: ColorRole) {
        let free = max(0, rect.width - text.unicodeScalars.count)
        let offset = switch align {
        case .left: 0
        case .center: free / 2
        case .right: free
        }
        write(text, x: rect.x + offset, y: rect.y, role: role, clip: rect)
    }

    /// Fills `rect` (clipped to the grid) with one scalar.
    public mutating func fill(_ rect: Rect, with scalar: Unicode.Scalar = " ", role: ColorRole) {
        let area = rect.intersection(bounds)
        for y in area.y..<area.maxY {
            for x in area.x..<area.maxX { put(scalar, x: x, y: y, role: role) }
        }
    }

    /// Draws a border around `rect` with an optional title in the top edge (`┌ Title ───┐`), and
    /// clears the inside. A rectangle under 2×2 draws only what fits.
    public mutating func box(_ rect: Rect, title: String?, glyphs: Glyphs, role: ColorRole, titleRole: ColorRole) {
        fill(rect, role: .normal)
        guard !rect.isEmpty else { return }
        for x in rect.x..<rect.maxX {
            put(glyphs.horizontal, x: x, y: rect.y, role: role)
            put(glyphs.horizontal, x: x, y: rect.maxY - 1, role: role)
        }
        for y in rect.y..<rect.maxY {
            put(glyphs.vertical, x: rect.x, y: y, role: role)
            put(glyphs.vertical, x: rect.maxX - 1, y: y, role: role)
        }
        put(glyphs.topLeft, x: rect.x, y: rect.y, role: role)
        put(glyphs.topRight, x: rect.maxX - 1, y: rect.y, role: role)
        put(glyphs.bottomLeft, x: rect.x, y: rect.maxY - 1, role: role)
        put(glyphs.bottomRight, x: rect.maxX - 1, y: rect.maxY - 1, role: role)
        if let title, rect.width > 4 {
            let edge = Rect(x: rect.x + 1, y: rect.y, width: rect.width - 2, height: 1)
            write(" \(title) ", x: edge.x, y: edge.y, role: titleRole, clip: edge)
        }
    }

    /// The characters row by row, trailing spaces trimmed: what snapshot tests compare.
    public func text() -> [String] {
        (0..<height).map { y in
            var line = String.UnicodeScalarView()
            line.append(contentsOf: cells[(y * width)..<((y + 1) * width)].map(\.scalar))
            var row = String(line)
            while row.last == " " { row.removeLast() }
            return row
        }
    }
}
