import NetwatchCommandLine

/// A small program with every kind of argument, described as netwatch describes its own.
enum ExampleProgram {
    static let interval = ArgumentSpec.option("interval", short: "i", valueName: "SECONDS", .decimal, help: "Seconds between ticks.")
    static let port = ArgumentSpec.option("port", short: "p", valueName: "PORTS", help: "Only sockets on PORTS.")
    static let procRoot = ArgumentSpec.option("proc-root", valueName: "DIR", completion: .directory, help: "Read kernel files under DIR.")
    static let format = ArgumentSpec.option("format", valueName: "FORMAT", .choice(["json", "prometheus"]), default: "json",
                                            help: "json, or prometheus.")
    static let top = ArgumentSpec.option("top", valueName: "N", .integer, default: "100", help: "Rows kept in each list.")
    static let pretty = ArgumentSpec.flag("pretty", help: "Indent the JSON.")
    static let output = ArgumentSpec.option("output", short: "o", valueName: "FILE", required: true, completion: .file,
                                            help: "Write to FILE: a regular file is replaced atomically, keeping its mode and owner; a device or FIFO is written as it is.")
    static let files = ArgumentSpec.positional("FILE|-", repeating: true, completion: .file, help: "Recordings to replay, or '-' for standard input.")
    static let step = ArgumentSpec.positional("step", .integer, help: "Index of the step.")
    static let parent = ArgumentSpec.option("parent", valueName: "PID", .integer, required: true, help: "The parent's pid.")

    static let watch = CommandSpec(name: "watch", abstract: "The live view (the default command).", arguments: [interval, port, procRoot])
    static let dump = CommandSpec(name: "dump", abstract: "Print one snapshot of the host's TCP state as JSON or Prometheus text, once.",
                                  discussion: "Rates need two samples.\n\nExit status 1 when the output cannot be written.",
                                  arguments: [output, format, top, pretty, port])
    static let replay = CommandSpec(name: "replay", abstract: "The view over a recording.", arguments: [files, port])
    static let worker = CommandSpec(name: "worker", abstract: "One load step (started by watch).", arguments: [step, parent], isHidden: true)

    static let program = Program(name: "nw", abstract: "Live view of TCP.", version: "nw 1.0 (git abc1234)",
                                 commands: [watch, dump, replay, worker], defaultCommand: watch,
                                 defaultOptionsHeading: "WATCH OPTIONS (nw [options], nw watch [options]):")
    static let parser = CommandLineParser(program: program)

    /// The values `words` give the command they run.
    static func run(_ words: [String]) throws -> ParsedArguments {
        guard case let .run(arguments) = try parser.parse(words) else { throw NotARun(words: words) }
        return arguments
    }

    /// The usage error `words` give, or nil when they parse.
    static func error(_ words: [String]) -> String? {
        do {
            _ = try parser.parse(words)
            return nil
        } catch {
            return error.description
        }
    }

    struct NotARun: Error {
        let words: [String]
    }
}
