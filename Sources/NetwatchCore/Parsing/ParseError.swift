/// A value or line that could not be parsed, quoting the offending input.
public struct ParseError: Error, Equatable, Sendable, CustomStringConvertible {
    public let what: String
    public let input: String

    public init(_ what: String, input: String) {
        self.what = what
        self.input = QuotedInput.prefix(input)
    }

    public var description: String { "\(what): '\(input)'" }
}
