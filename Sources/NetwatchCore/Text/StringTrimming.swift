extension StringProtocol {
    /// This text without the leading and trailing characters `drop` holds for, e.g.
    /// `\.isNewline` or `\.isWhitespace` (the standard library's stand-in for Foundation's
    /// `trimmingCharacters(in:)` with `.newlines`, `.whitespacesAndNewlines`).
    public func trimming(while drop: (Character) -> Bool) -> String {
        guard let first = firstIndex(where: { !drop($0) }), let last = lastIndex(where: { !drop($0) }) else { return "" }
        return String(self[first...last])
    }

    /// This text without the leading and trailing characters that are in `set`.
    public func trimmingCharacters(in set: String) -> String {
        trimming(while: set.contains)
    }
}
