/// What a command line asks for.
public enum Invocation: Sendable, Equatable {
    /// Run a command with these values.
    case run(ParsedArguments)
    /// Print the help of a command, or of the program when nil.
    case help(command: String?)
    case version
    case completionScript(Shell)
    /// Print the description of every command as JSON (`--experimental-dump-help`).
    case helpDump
}

/// A shell `--generate-completion-script` writes for.
public enum Shell: String, Sendable, CaseIterable {
    case bash
    case zsh
    case fish
}
