/// Reads a command line (the words after the program's name) into an ``Invocation``, or the
/// ``UsageError`` that says what is wrong with it. Pure: no I/O, no environment.
///
/// - The first word picks the command; when it names none, the program's default command runs
///   with all the words (`netwatch --port 443` is `netwatch top --port 443`).
/// - `-h`/`--help` anywhere before `--` asks for help, then `--version` for the version, before
///   anything else is checked. `help [COMMAND]` asks for help too.
/// - `--generate-completion-script SHELL` and `--experimental-dump-help` stand first and alone.
/// - An option's value follows it (`--port 443`, `-p 443`) or its `=` (`--port=443`). The next
///   word is taken as the value unless it looks like an option: `-` and a letter, or `--`.
///   So negative numbers are values (`--interval -1` is refused by its range, not as unknown).
/// - After `--` every word is positional.
public struct CommandLineParser: Sendable {
    public let program: Program

    public init(program: Program) {
        self.program = program
    }

    public func parse(_ words: [String]) throws(UsageError) -> Invocation {
        if let first = words.first, Self.split(first).name == "--generate-completion-script" {
            return .completionScript(try shell(words))
        }
        switch words.first {
        case "--experimental-dump-help":
            if let extra = words.dropFirst().first { throw .unexpectedArgument(extra) }
            return .helpDump
        case "help":
            return try help(Array(words.dropFirst()))
        default:
            break
        }
        let named = words.first.flatMap(program.command(named:))
        let command = named ?? program.defaultCommand
        let rest = named == nil ? words[...] : words.dropFirst()
        let options = rest.prefix { $0 != "--" }
        if options.contains("--help") || options.contains("-h") { return .help(command: named?.name) }
        if options.contains("--version") { return .version }
        return .run(try arguments(Array(rest), of: command))
    }

    /// `--generate-completion-script SHELL` or `=SHELL`, and nothing after it.
    private func shell(_ words: [String]) throws(UsageError) -> Shell {
        let option = ArgumentSpec.option("generate-completion-script", valueName: "shell", .choice(Shell.allCases.map(\.rawValue)), help: "")
        let first = words[0]
        var rest = words.dropFirst()
        let value: String
        if let equals = first.firstIndex(of: "=") {
            value = String(first[first.index(after: equals)...])
        } else if let next = rest.popFirst() {
            value = next
        } else {
            throw .missingValue(label: option.label())
        }
        if let extra = rest.first { throw .unexpectedArgument(extra) }
        guard let shell = Shell(rawValue: value) else {
            throw .notAChoice(value, label: option.label(), choices: Shell.allCases.map(\.rawValue))
        }
        return shell
    }

    /// `help`, `help COMMAND`; `help help` and `help --help` are the program's help.
    private func help(_ words: [String]) throws(UsageError) -> Invocation {
        guard let topic = words.first else { return .help(command: nil) }
        if let extra = words.dropFirst().first { throw .unexpectedArgument(extra) }
        if ["help", "--help", "-h"].contains(topic) { return .help(command: nil) }
        let shown = program.shownCommands.map(\.name)
        guard shown.contains(topic) else { throw .unknownHelpTopic(topic, commands: shown) }
        return .help(command: topic)
    }

    /// The values of `command`'s arguments in `words`.
    private func arguments(_ words: [String], of command: CommandSpec) throws(UsageError) -> ParsedArguments {
        var parsed = ParsedArguments(command: command.name)
        var positionals = [String]()
        var index = 0
        var onlyPositionals = false
        while index < words.count {
            let word = words[index]
            index += 1
            if onlyPositionals || !Self.looksLikeOption(word) {
                positionals.append(word)
                continue
            }
            if word == "--" {
                onlyPositionals = true
                continue
            }
            let (name, attached) = Self.split(word)
            guard let argument = command.argument(named: name) else {
                throw .unknownOption(name, suggestion: suggestion(for: name, in: command))
            }
            switch argument.kind {
            case .flag:
                if let attached { throw .unexpectedValue(option: name, value: attached) }
                parsed.values[argument.key] = .present
            case .option:
                let text: String
                if let attached {
                    text = attached
                } else if index < words.count, !Self.looksLikeOption(words[index]) {
                    text = words[index]
                    index += 1
                } else {
                    throw .missingValue(label: argument.label(spelled: name))
                }
                parsed.values[argument.key] = try value(text, of: argument, label: argument.label(spelled: name))
            case .positional:
                break
            }
        }
        try assign(positionals, to: command, in: &parsed)
        if let missing = command.arguments.first(where: { $0.isRequired && parsed.values[$0.key] == nil }) {
            throw .missingArgument(label: missing.label())
        }
        return parsed
    }

    /// Gives each positional its word, a repeating one all that remain.
    private func assign(_ words: [String], to command: CommandSpec, in parsed: inout ParsedArguments) throws(UsageError) {
        var rest = words[...]
        for argument in command.positionals {
            guard !rest.isEmpty else { break }
            if argument.isRepeating {
                parsed.values[argument.key] = .texts(Array(rest))
                rest = []
            } else if let word = rest.popFirst() {
                parsed.values[argument.key] = try value(word, of: argument, label: argument.label())
            }
        }
        if let extra = rest.first { throw .unexpectedArgument(extra) }
    }

    /// `text` checked against what `argument` takes.
    private func value(_ text: String, of argument: ArgumentSpec, label: String) throws(UsageError) -> ParsedArguments.Value {
        switch argument.value {
        case .text:
            return .text(text)
        case .integer:
            guard let number = Int(text) else { throw .invalidValue(text, label: label, reason: nil) }
            return .integer(number)
        case .decimal:
            guard let number = DecimalNumber.parse(text) else { throw .invalidValue(text, label: label, reason: "expected a decimal number") }
            return .decimal(number)
        case let .choice(choices):
            guard choices.contains(text) else { throw .notAChoice(text, label: label, choices: choices) }
            return .text(text)
        }
    }

    /// The command's long option closest to a mistyped `--name` (at most two edits away).
    private func suggestion(for name: String, in command: CommandSpec) -> String? {
        guard name.hasPrefix("--") else { return nil }
        let candidates = command.allArguments.compactMap(\.long).map { "--" + $0 }
        let scored = candidates.map { ($0, Self.editDistance(name, $0)) }.filter { $0.1 <= 2 }
        return scored.min { $0.1 < $1.1 }?.0
    }

    /// A word that is an option or `--` rather than a value: `-` and something, except what reads
    /// as a negative number (`-1`, `-.5`, `-5m`).
    static func looksLikeOption(_ word: String) -> Bool {
        guard word.hasPrefix("-"), word.count > 1 else { return false }
        let second = word[word.index(after: word.startIndex)]
        return !(second.isNumber || second == ".")
    }

    /// An option's name and the value after `=`, if any (`--port=443`); a short option has none.
    static func split(_ word: String) -> (name: String, value: String?) {
        guard word.hasPrefix("--"), let equals = word.firstIndex(of: "=") else { return (word, nil) }
        return (String(word[..<equals]), String(word[word.index(after: equals)...]))
    }

    /// Levenshtein distance between two short words.
    static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        var previous = Array(0...b.count)
        for (i, x) in a.enumerated() {
            var current = [i + 1]
            for (j, y) in b.enumerated() {
                current.append(min(previous[j + 1] + 1, current[j] + 1, previous[j] + (x == y ? 0 : 1)))
            }
            previous = current
        }
        return previous[b.count]
    }
}
