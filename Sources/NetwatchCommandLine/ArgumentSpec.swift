/// One option, flag or positional argument of a command, as the parser, `--help`, the completion
/// scripts and `--experimental-dump-help` all read it.
public struct ArgumentSpec: Sendable, Equatable {
    public enum Kind: String, Sendable {
        /// `--interval SECONDS`, `--interval=SECONDS`, `-i SECONDS`.
        case option
        /// `--pretty`: present or not.
        case flag
        /// A word that is no option (`replay FILE…`).
        case positional
    }

    public let kind: Kind
    /// `interval` for `--interval`; nil for a positional.
    public let long: String?
    /// `i` for `-i`.
    public let short: Character?
    /// `SECONDS` in `--interval <SECONDS>`; a positional's name (`FILE|-`).
    public let valueName: String
    /// One or more sentences; `--help` wraps them.
    public let help: String
    public let value: ValueKind
    /// Taken when the argument is absent, and shown as `(default: …)`.
    public let defaultValue: String?
    public let isRequired: Bool
    /// A positional that takes every remaining word (at least one when required).
    public let isRepeating: Bool
    /// What a shell offers for the value.
    public let completion: Completion

    /// An option taking one value; given again, the last value counts.
    public static func option(_ long: String, short: Character? = nil, valueName: String, _ value: ValueKind = .text,
                              default defaultValue: String? = nil, required: Bool = false, completion: Completion = .none,
                              help: String) -> ArgumentSpec {
        ArgumentSpec(kind: .option, long: long, short: short, valueName: valueName, help: help, value: value,
                     defaultValue: defaultValue, isRequired: required, isRepeating: false,
                     completion: value.choices.map(Completion.values) ?? completion)
    }

    public static func flag(_ long: String, short: Character? = nil, help: String) -> ArgumentSpec {
        ArgumentSpec(kind: .flag, long: long, short: short, valueName: long, help: help, value: .text, defaultValue: nil,
                     isRequired: false, isRepeating: false, completion: .none)
    }

    /// A positional argument, required unless `required` is false.
    public static func positional(_ valueName: String, _ value: ValueKind = .text, repeating: Bool = false, required: Bool = true,
                                  completion: Completion = .none, help: String) -> ArgumentSpec {
        ArgumentSpec(kind: .positional, long: nil, short: nil, valueName: valueName, help: help, value: value, defaultValue: nil,
                     isRequired: required, isRepeating: repeating, completion: completion)
    }

    /// `--version`, which every command accepts.
    public static let version = flag("version", help: "Show the version.")
    /// `-h`, `--help`, which every command accepts.
    public static let help = flag("help", short: "h", help: "Show help information.")

    /// The key its value is kept under: the long name, or a positional's value name.
    var key: String { long ?? valueName }

    /// `-i, --interval`, short name first.
    var names: [String] { (short.map { ["-\($0)"] } ?? []) + (long.map { ["--\($0)"] } ?? []) }

    /// How a message names it: `--interval <SECONDS>` (with the spelling the user typed), `<FILE|->`.
    func label(spelled name: String? = nil) -> String {
        switch kind {
        case .option: "\(name ?? names.last ?? "") <\(valueName)>"
        case .flag: name ?? names.last ?? ""
        case .positional: "<\(valueName)>" + (isRepeating ? " ..." : "")
        }
    }
}

/// What an argument's value must be; the parser refuses anything else as a usage error.
public enum ValueKind: Sendable, Equatable {
    case text
    /// A whole number as `Int` reads it (`12`, `-1`).
    case integer
    /// A plain decimal number (``DecimalNumber``): no hexadecimal, `nan` or `inf`.
    case decimal
    /// One of these words.
    case choice([String])

    var choices: [String]? {
        if case let .choice(values) = self { values } else { nil }
    }
}

/// What a shell's completion offers for a value.
public enum Completion: Sendable, Equatable {
    case none
    case file
    case directory
    case values([String])
}
