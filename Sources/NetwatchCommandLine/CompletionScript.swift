/// `--generate-completion-script SHELL`: a script completing the program's commands, options
/// and their values (files, directories, fixed words) in bash, zsh or fish. Like the parser, the
/// scripts take the first word as the command when it names one, else the default command.
public enum CompletionScript {
    public static func script(for shell: Shell, _ program: Program) -> String {
        switch shell {
        case .bash: bash(program)
        case .zsh: zsh(program)
        case .fish: fish(program)
        }
    }

    /// The options and flags a command's completion offers: its own, `--version` and `--help`.
    static func options(_ command: CommandSpec) -> [ArgumentSpec] {
        command.allArguments.filter { $0.kind != .positional }
    }

    /// `name` as a shell function name: `_netwatch_demo_worker`.
    static func functionName(_ program: Program, _ command: String) -> String {
        "_\(program.name)_" + command.map { $0.isLetter || $0.isNumber ? String($0) : "_" }.joined()
    }

    /// `text` inside single quotes for bash and zsh.
    static func singleQuoted(_ text: String) -> String {
        "'" + text.replacing("'", with: #"'\''"#) + "'"
    }
}
