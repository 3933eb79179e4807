/// `--help`: the overview, usage line and one row per argument, laid out as
/// swift-argument-parser did (text wrapped at 80 columns, descriptions from column 27).
public enum HelpText {
    static let width = 80
    /// Where descriptions start: two spaces of indent and 24 for the names.
    static let descriptionColumn = 26

    /// The program's help: its overview, the default command's options (also the root's),
    /// usage, `--version` and `--help`, and the commands.
    public static func program(_ program: Program) -> String {
        var lines = wrap("OVERVIEW: " + program.abstract, width: width) + [""]
        lines += [program.defaultOptionsHeading] + defaultOptionRows(program)
        lines += ["", "USAGE: \(program.name) <subcommand>", "", "OPTIONS:"]
        lines += [ArgumentSpec.version, .help].flatMap(row)
        lines += ["", "SUBCOMMANDS:"]
        lines += program.shownCommands.flatMap { command in
            row(command.name + (command == program.defaultCommand ? " (default)" : ""), command.abstract)
        }
        lines += ["", "  See '\(program.name) help <subcommand>' for detailed help."]
        return lines.joined(separator: "\n")
    }

    /// The rows of the default command's own options, which the root help lists as its own.
    static func defaultOptionRows(_ program: Program) -> [String] {
        program.defaultCommand.arguments.filter { $0.kind != .positional }.flatMap(row)
    }

    /// One command's help.
    public static func command(_ command: CommandSpec, in program: Program) -> String {
        var lines = wrap("OVERVIEW: " + command.abstract, width: width)
        if !command.discussion.isEmpty {
            lines += [""] + command.discussion.split(separator: "\n", omittingEmptySubsequences: false)
                .flatMap { $0.isEmpty ? [""] : wrap(String($0), width: width) }
        }
        lines += ["", "USAGE: " + usage(command, in: program)]
        let positionals = command.positionals
        if !positionals.isEmpty { lines += ["", "ARGUMENTS:"] + positionals.flatMap(row) }
        lines += ["", "OPTIONS:"] + command.allArguments.filter { $0.kind != .positional }.flatMap(row)
        return (lines + [""]).joined(separator: "\n")
    }

    /// `netwatch record --output <FILE> [--interval <SECONDS>] …`: every argument in order, the
    /// optional ones in brackets (never wrapped).
    static func usage(_ command: CommandSpec, in program: Program) -> String {
        let words = command.arguments.map { argument in
            let text = argument.label()
            return argument.isRequired ? text : "[\(text)]"
        }
        return ([program.name, command.name] + words).joined(separator: " ")
    }

    /// `  -i, --interval <SECONDS>` and its description with its default.
    static func row(_ argument: ArgumentSpec) -> [String] {
        var names = argument.names.joined(separator: ", ")
        switch argument.kind {
        case .option: names += " <\(argument.valueName)>"
        case .positional: names = "<\(argument.valueName)>"
        case .flag: break
        }
        var text = argument.help
        if let choices = argument.value.choices {
            text += " (values: \(choices.joined(separator: ", "))" + (argument.defaultValue.map { "; default: \($0)" } ?? "") + ")"
        } else if let value = argument.defaultValue {
            text += " (default: \(value))"
        }
        return row(names, text)
    }

    /// A name and its wrapped description: on the same line when the name leaves room for one
    /// space before the description column, else from the next line.
    static func row(_ name: String, _ description: String) -> [String] {
        let indent = String(repeating: " ", count: descriptionColumn)
        let text = wrap(description, width: width - descriptionColumn)
        let head = "  " + name
        guard head.count < descriptionColumn else { return [head] + text.map { indent + $0 } }
        let first = head + String(repeating: " ", count: descriptionColumn - head.count) + (text.first ?? "")
        return [first] + text.dropFirst().map { indent + $0 }
    }

    /// Words of `text` in lines shorter than `width` characters, as swift-argument-parser wrapped
    /// them: each word counts with the space after it, so only the last word of the text may
    /// end in the last column (a longer word gets a line of its own).
    static func wrap(_ text: String, width: Int) -> [String] {
        var lines = [String]()
        var line = ""
        let words = text.split(separator: " ")
        for (index, word) in words.enumerated() {
            let room = index == words.count - 1 ? width : width - 1
            if line.isEmpty {
                line = String(word)
            } else if line.count + 1 + word.count <= room {
                line += " " + word
            } else {
                lines.append(line)
                line = String(word)
            }
        }
        return lines + (line.isEmpty ? [] : [line])
    }
}
