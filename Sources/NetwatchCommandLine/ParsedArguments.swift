/// The values given to one command, already checked against their ``ValueKind``; what was not
/// given reads as the argument's default.
public struct ParsedArguments: Sendable, Equatable {
    /// A value as the parser checked it.
    enum Value: Sendable, Equatable {
        case text(String)
        case integer(Int)
        case decimal(Double)
        case present
        case texts([String])
    }

    /// The command's name.
    public let command: String
    var values: [String: Value]

    public init(command: String) {
        self.command = command
        values = [:]
    }

    /// A ``ValueKind/text`` or ``ValueKind/choice(_:)`` option's value, else its default.
    public func text(_ argument: ArgumentSpec) -> String? {
        if case let .text(text)? = values[argument.key] { return text }
        return argument.defaultValue
    }

    /// A ``ValueKind/integer`` option's or positional's value, else its default.
    public func integer(_ argument: ArgumentSpec) -> Int? {
        if case let .integer(number)? = values[argument.key] { return number }
        return argument.defaultValue.flatMap { Int($0) }
    }

    /// A ``ValueKind/decimal`` option's value, else its default.
    public func decimal(_ argument: ArgumentSpec) -> Double? {
        if case let .decimal(number)? = values[argument.key] { return number }
        return argument.defaultValue.flatMap(DecimalNumber.parse)
    }

    public func flag(_ argument: ArgumentSpec) -> Bool {
        values[argument.key] == .present
    }

    /// A repeating positional's words, in order.
    public func texts(_ argument: ArgumentSpec) -> [String] {
        if case let .texts(words)? = values[argument.key] { return words }
        return []
    }

}
