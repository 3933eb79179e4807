import NetwatchCore

/// `--experimental-dump-help`: every command and argument as JSON, in the shape
/// swift-argument-parser gave it (serialization version 0), which scripts/docs/manpage and the
/// documentation tests read.
public enum HelpDump {
    public static func json(_ program: Program) -> JSONValue {
        .object([("serializationVersion", .int(0)), ("command", root(program))])
    }

    static func root(_ program: Program) -> JSONValue {
        let discussion = ([program.defaultOptionsHeading] + HelpText.defaultOptionRows(program)).joined(separator: "\n")
        return .object([
            ("commandName", .string(program.name)),
            ("abstract", .string(program.abstract)),
            ("discussion", .string(discussion)),
            ("defaultSubcommand", .string(program.defaultCommand.name)),
            ("shouldDisplay", .bool(true)),
            ("arguments", .array([ArgumentSpec.version, .help].map(argument))),
            ("subcommands", .array((program.commands + [program.helpCommand]).map(command))),
        ])
    }

    static func command(_ command: CommandSpec) -> JSONValue {
        var members: [(String, JSONValue)] = [("commandName", .string(command.name)), ("abstract", .string(command.abstract))]
        if !command.discussion.isEmpty { members.append(("discussion", .string(command.discussion))) }
        members += [("shouldDisplay", .bool(!command.isHidden)), ("arguments", .array(command.allArguments.map(argument)))]
        return .object(members)
    }

    static func argument(_ argument: ArgumentSpec) -> JSONValue {
        let names = (argument.short.map { [name("short", String($0))] } ?? []) + (argument.long.map { [name("long", $0)] } ?? [])
        var members: [(String, JSONValue)] = [("kind", .string(argument.kind.rawValue))]
        if !names.isEmpty {
            members += [("names", .array(names)), ("preferredName", names.last ?? .null)]
        }
        members += [
            ("valueName", .string(argument.valueName)),
            ("abstract", .string(argument.help)),
            ("isOptional", .bool(!argument.isRequired)),
            ("isRepeating", .bool(argument.isRepeating)),
            ("shouldDisplay", .bool(true)),
        ]
        if let value = argument.defaultValue { members.append(("defaultValue", .string(value))) }
        if let choices = argument.value.choices { members.append(("allValues", .array(choices.map(JSONValue.string)))) }
        if let completion = completion(argument.completion) { members.append(("completionKind", completion)) }
        return .object(members)
    }

    static func name(_ kind: String, _ name: String) -> JSONValue {
        .object([("kind", .string(kind)), ("name", .string(name))])
    }

    static func completion(_ completion: Completion) -> JSONValue? {
        switch completion {
        case .none: nil
        case .file: .object([("file", .object([("extensions", .array([]))]))])
        case .directory: .object([("directory", .object([]))])
        case let .values(values): .object([("list", .object([("values", .array(values.map(JSONValue.string)))]))])
        }
    }
}
