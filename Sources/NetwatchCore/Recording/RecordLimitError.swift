/// Why a `record` limit (a duration or a size) could not be read; quotes the text.
public struct RecordLimitError: Error, Equatable, Sendable, CustomStringConvertible {
    public let text: String
    /// What the text should have looked like, e.g. "seconds as 90, 30s, 15m or 2h".
    public let expected: String
    /// "duration" or "size".
    public let kind: String

    public var description: String { "invalid \(kind) '\(text)' (expected \(expected))" }
}
