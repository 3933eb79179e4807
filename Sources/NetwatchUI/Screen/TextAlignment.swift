/// Where text sits in a row wider than the text.
public enum TextAlignment: Sendable {
    case left, center, right
}
