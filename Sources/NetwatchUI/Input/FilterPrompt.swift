/// The port-filter prompt (`/` or `f`) while it is open: what has been typed so far, and why the
/// last `Enter` was refused.
public struct FilterPrompt: Equatable, Sendable {
    /// The port list being typed (`80,443`, `8000-8100`); empty clears the filter on `Enter`.
    public var text: String
    /// The ``PortSet/ParseError`` description of the last refused `Enter`; `nil` after an edit.
    public var error: String?

    /// The longest text the prompt takes; further characters are ignored.
    public static let maximumLength = 64

    public init(text: String = "", error: String? = nil) {
        self.text = text
        self.error = error
    }
}
