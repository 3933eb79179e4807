/// Which characters panes may draw: `unicode` uses box drawing, block elements and a few symbols;
/// `ascii` (`--ascii`) uses only ASCII, for terminals and fonts that lack them.
public enum GlyphMode: String, CaseIterable, Sendable {
    case unicode
    case ascii

    /// The glyph set for this mode.
    public var glyphs: Glyphs { self == .ascii ? .ascii : .unicode }
}
