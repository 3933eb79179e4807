/// A column of a ``TableView``: heading, width in cells and alignment. One column of a table may
/// be flexible: it takes the width the fixed columns leave, but at least `width`.
struct TableColumn: Sendable {
    let title: String
    let width: Int
    let align: TextAlignment
    let flexible: Bool

    init(_ title: String, width: Int, align: TextAlignment = .right, flexible: Bool = false) {
        self.title = title
        self.width = width
        self.align = align
        self.flexible = flexible
    }
}
