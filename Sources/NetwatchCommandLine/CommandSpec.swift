/// A command (`netwatch snapshot`): its name, what `--help` says of it and its arguments, in the
/// order `--help` lists them.
public struct CommandSpec: Sendable, Equatable {
    public let name: String
    /// One sentence, for the command list and the man page.
    public let abstract: String
    /// Paragraphs `--help` prints after the abstract (`\n\n` between them), or empty.
    public let discussion: String
    public let arguments: [ArgumentSpec]
    /// Left out of `--help`, the completions and the man page (`demo-worker`, started by `demo`).
    public let isHidden: Bool

    public init(name: String, abstract: String, discussion: String = "", arguments: [ArgumentSpec], isHidden: Bool = false) {
        self.name = name
        self.abstract = abstract
        self.discussion = discussion
        self.arguments = arguments
        self.isHidden = isHidden
    }

    /// Its arguments and the `--version` and `--help` every command takes.
    var allArguments: [ArgumentSpec] { arguments + [.version, .help] }

    var positionals: [ArgumentSpec] { arguments.filter { $0.kind == .positional } }

    /// The option or flag called `name` (`--port`, `-p`).
    func argument(named name: String) -> ArgumentSpec? {
        allArguments.first { $0.kind != .positional && $0.names.contains(name) }
    }
}
