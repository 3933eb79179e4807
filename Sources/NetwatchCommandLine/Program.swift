/// The whole command-line interface: the commands, which one runs when none is named, and what
/// the root `--help` says.
public struct Program: Sendable {
    public let name: String
    public let abstract: String
    /// What `--version` prints.
    public let version: String
    public let commands: [CommandSpec]
    /// Runs when the first word names no command (`netwatch`, `netwatch --port 443`); one of
    /// ``commands``.
    public let defaultCommand: CommandSpec
    /// Heads the default command's options in the root `--help`, which are the root's own too.
    public let defaultOptionsHeading: String

    public init(name: String, abstract: String, version: String, commands: [CommandSpec], defaultCommand: CommandSpec,
                defaultOptionsHeading: String) {
        self.name = name
        self.abstract = abstract
        self.version = version
        self.commands = commands
        self.defaultCommand = defaultCommand
        self.defaultOptionsHeading = defaultOptionsHeading
    }

    /// The commands `--help`, `help COMMAND` and the completions name.
    public var shownCommands: [CommandSpec] { commands.filter { !$0.isHidden } }

    /// `help [COMMAND]`, which the parser reads itself; described for the help dump (and so
    /// the man page).
    var helpCommand: CommandSpec {
        CommandSpec(name: "help", abstract: "Show help for \(name) or one command.",
                    arguments: [.positional("COMMAND", required: false, help: "The command to describe; without it, \(name) itself.")])
    }

    public func command(named name: String) -> CommandSpec? {
        commands.first { $0.name == name }
    }
}
