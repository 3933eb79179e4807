/// User input quoted back in a one-line message, cut to a readable prefix: a 100,000-character
/// argument is not echoed whole.
public enum QuotedText {
    /// Characters of the input kept.
    public static let limit = 40

    /// `text` itself when it is at most ``limit`` characters, else its first ``limit`` characters,
    /// `…` and how long it was: `8080,8081,…,8089… (100000 characters)`.
    public static func prefix(_ text: some StringProtocol) -> String {
        guard text.count > limit else { return String(text) }
        return "\(text.prefix(limit))… (\(text.count) characters)"
    }
}
