import Foundation
import TestSupport
import XCTest

/// `netwatch --generate-completion-script SHELL` loaded into the real shells (scripts/setup
/// installs zsh and fish): what each offers after a few command lines.
final class CompletionShellTests: XCTestCase {
    let netwatch = FixturePaths.binary("netwatch")
    private var scratch: ScratchDirectory?
    /// Holds a directory `logs` and files `a.ndjson` and `b c.ndjson` to complete.
    var dir: String { scratch?.path ?? "" }

    override func setUpWithError() throws {
        scratch = try ScratchDirectory("nwcompl")
        try FileManager.default.createDirectory(atPath: dir + "/logs", withIntermediateDirectories: false)
        for file in ["a.ndjson", "b c.ndjson"] {
            XCTAssertTrue(FileManager.default.createFile(atPath: dir + "/" + file, contents: nil))
        }
    }

    override func tearDownWithError() throws {
        scratch?.remove()
    }

    /// Runs `_netwatch` in bash for each line (the word being completed last) and returns what
    /// each line offers, sorted and joined by `|`.
    func bash(_ lines: [[String]]) throws -> [String] {
        let quote = TmuxSession.shellQuote
        var script = "cd \(quote(dir)) && source <(\(quote(netwatch)) --generate-completion-script bash) && complete -p netwatch\n"
        for words in lines {
            script += "COMP_WORDS=(\(words.map(quote).joined(separator: " "))); COMP_CWORD=\(words.count - 1); _netwatch; "
            script += "printf '%s\\n' \"${COMPREPLY[@]}\" | sort | paste -sd '|'\n"
        }
        let result = try ProcessRunner.run(["bash", "-c", script])
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertEqual(result.stderr, "")
        return result.stdout.split(separator: "\n", omittingEmptySubsequences: false).dropLast().map(String.init)
    }

    func testBashCompletesCommandsOptionsAndTheirValues() throws {
        XCTAssertEqual(try bash([
            ["netwatch", ""],
            ["netwatch", "s"],
            ["netwatch", "--po"],
            ["netwatch", "snapshot", "--f"],
            ["netwatch", "snapshot", "--format", ""],
            ["netwatch", "snapshot", "--proc-root", ""],
            ["netwatch", "record", "-o", "b"],
            ["netwatch", "replay", ""],
            ["netwatch", "top", "--interval", ""],
            ["netwatch", "help", "re"],
            ["netwatch", "serve", "--"],
        ]), [
            "complete -F _netwatch netwatch",
            "demo|record|replay|serve|snapshot|top",
            "serve|snapshot",
            "--port",
            "--format",
            "json|prometheus",
            "logs",
            "b c.ndjson",
            "a.ndjson|b c.ndjson|logs",
            "",
            "record|replay",
            "--help|--listen|--min-interval|--proc-root|--top|--version",
        ])
    }

    func testZshLoadsTheScriptAsNetwatchsCompletion() throws {
        try EnvironmentRequirement.require(FileManager.default.isExecutableFile(atPath: ProcessRunner.resolve("zsh")), "needs zsh: run scripts/setup")
        let script = try completion("zsh")
        let syntax = try ProcessRunner.run(["zsh", "-n", "-c", script])
        XCTAssertEqual(syntax.status, 0, syntax.stderr)
        let quote = TmuxSession.shellQuote
        let loaded = try ProcessRunner.run(["zsh", "-f", "-c", "autoload -U compinit && compinit -u -D && source <(\(quote(netwatch)) --generate-completion-script zsh) && print -r -- $_comps[netwatch] && whence -w _netwatch_snapshot _netwatch_help"])
        XCTAssertEqual(loaded.stdout, "_netwatch\n_netwatch_snapshot: function\n_netwatch_help: function\n", loaded.stderr)
    }

    func testFishCompletesCommandsOptionsAndTheirValues() throws {
        try EnvironmentRequirement.require(FileManager.default.isExecutableFile(atPath: ProcessRunner.resolve("fish")), "needs fish: run scripts/setup")
        let syntax = try ProcessRunner.run(["fish", "-n", "-c", try completion("fish")])
        XCTAssertEqual(syntax.status, 0, syntax.stderr)
        let lines = ["netwatch s", "netwatch snapshot --form", "netwatch snapshot --format ", "netwatch --proc-root ", "netwatch help r", "netwatch replay "]
        let quote = TmuxSession.shellQuote
        let script = "cd \(quote(dir)); \(quote(netwatch)) --generate-completion-script fish | source; "
            + lines.map { "complete -C\(quote($0)) | cut -f1 | sort | string join ' '" }.joined(separator: "; ")
        let result = try ProcessRunner.run(["fish", "--no-config", "-c", script])
        XCTAssertEqual(result.stderr, "")
        XCTAssertEqual(result.stdout.split(separator: "\n", omittingEmptySubsequences: false).map(String.init), [
            "serve snapshot",
            "--format",
            "json prometheus",
            "logs/",
            "record replay",
            "a.ndjson b c.ndjson logs/",
            "",
        ])
    }

    private func completion(_ shell: String) throws -> String {
        let result = try ProcessRunner.run([netwatch, "--generate-completion-script", shell])
        XCTAssertEqual(result.status, 0, result.stderr)
        return result.stdout
    }
}
