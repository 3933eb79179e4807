extension Unicode.Scalar {
    /// True when a terminal shows this scalar in exactly one column: not a control character, not a
    /// combining mark, not an East Asian wide or emoji character. Text from the system (process
    /// names, host names) is passed through this before it reaches a cell. ASCII and the box
    /// drawing and block elements the panes draw with are answered first, without table look-ups.
    var isSingleColumn: Bool {
        let v = value
        if v >= 0x20 && v < 0x7F { return true }
        if v >= 0x2500 && v <= 0x25FC { return true }
        if v < 0x20 || (0x7F..<0xA0).contains(v) { return false }
        switch properties.generalCategory {
        case .nonspacingMark, .enclosingMark, .spacingMark, .format, .control, .lineSeparator,
             .paragraphSeparator, .surrogate, .unassigned:
            return false
        default:
            return !Unicode.Scalar.wideRanges.contains { $0.contains(v) }
        }
    }

    /// East Asian Wide/Fullwidth blocks and emoji, which terminals draw two columns wide.
    private static let wideRanges: [ClosedRange<UInt32>] = [
        0x1100...0x115F, 0x231A...0x231B, 0x2329...0x232A, 0x23E9...0x23EC, 0x23F0...0x23F3,
        0x25FD...0x25FE, 0x2614...0x2615, 0x2648...0x2653, 0x267F...0x267F, 0x2693...0x2693,
        0x26A1...0x26A1, 0x26AA...0x26AB, 0x26BD...0x26BE, 0x26C4...0x26C5, 0x26CE...0x26CE,
        0x26D4...0x26D4, 0x26EA...0x26EA, 0x26F2...0x26F5, 0x26FA...0x26FD, 0x2705...0x2705,
        0x270A...0x270B, 0x2728...0x2728, 0x274C...0x274C, 0x2753...0x2757, 0x2795...0x2797,
        0x27B0...0x27B0, 0x27BF...0x27BF, 0x2B1B...0x2B1C, 0x2B50...0x2B50, 0x2B55...0x2B55,
        0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xA000...0xA4CF,
        0xA960...0xA97F, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE10...0xFE19, 0xFE30...0xFE6F,
        0xFF00...0xFF60, 0xFFE0...0xFFE6, 0x1F000...0x1FAFF, 0x20000...0x3FFFD,
    ]
}
