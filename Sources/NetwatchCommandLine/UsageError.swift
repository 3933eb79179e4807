import NetwatchCore

/// A command line netwatch cannot run: printed as one line on stderr, exit status 2.
public enum UsageError: Error, Equatable, CustomStringConvertible {
    /// `--bogus`, with the closest option's name when one is close.
    case unknownOption(String, suggestion: String?)
    /// `--sample` as the last word, or followed by another option.
    case missingValue(label: String)
    /// `--pretty=yes`.
    case unexpectedValue(option: String, value: String)
    /// `--top 0x10`; `reason` says what was expected when there is more to say than the label.
    case invalidValue(String, label: String, reason: String?)
    /// `--format xml`.
    case notAChoice(String, label: String, choices: [String])
    /// A required option or positional was not given.
    case missingArgument(label: String)
    /// A word no positional takes.
    case unexpectedArgument(String)
    /// `help NAME` for no command.
    case unknownHelpTopic(String, commands: [String])
    /// A command's own check of its values (`--interval -1.0: expected seconds from 0.5 to 60`).
    case invalid(String)

    public var description: String {
        switch self {
        case let .unknownOption(name, suggestion):
            "Unknown option '\(QuotedInput.prefix(name))'" + (suggestion.map { ". Did you mean '\($0)'?" } ?? "")
        case let .missingValue(label):
            "Missing value for '\(label)'"
        case let .unexpectedValue(option, value):
            "The option '\(option)' does not take any value, but '\(QuotedInput.prefix(value))' was specified."
        case let .invalidValue(value, label, reason):
            "The value '\(QuotedInput.prefix(value))' is invalid for '\(label)'" + (reason.map { ": \($0)" } ?? "")
        case let .notAChoice(value, label, choices):
            "The value '\(QuotedInput.prefix(value))' is invalid for '\(label)'. Please provide one of \(Self.list(choices))."
        case let .missingArgument(label):
            "Missing expected argument '\(label)'"
        case let .unexpectedArgument(word):
            "Unexpected argument '\(QuotedInput.prefix(word))'"
        case let .unknownHelpTopic(topic, commands):
            "help: no command '\(QuotedInput.prefix(topic))' (commands: \(commands.joined(separator: ", ")))"
        case let .invalid(message):
            message
        }
    }

    /// `'a'`, `'a' and 'b'`, `'a', 'b' and 'c'`.
    private static func list(_ words: [String]) -> String {
        let quoted = words.map { "'\($0)'" }
        guard let last = quoted.last, quoted.count > 1 else { return quoted.joined() }
        return quoted.dropLast().joined(separator: ", ") + " and " + last
    }
}
