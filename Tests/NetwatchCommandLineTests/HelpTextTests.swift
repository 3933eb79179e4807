@testable import NetwatchCommandLine
import XCTest

final class HelpTextTests: XCTestCase {
    typealias P = ExampleProgram

    func testACommandsHelp() {
        XCTAssertEqual(HelpText.command(P.dump, in: P.program), """
            OVERVIEW: Print one snapshot of the host's TCP state as JSON or Prometheus
            text, once.

            Rates need two samples.

            Exit status 1 when the output cannot be written.

            USAGE: nw dump --output <FILE> [--format <FORMAT>] [--top <N>] [--pretty] [--port <PORTS>]

            OPTIONS:
              -o, --output <FILE>     Write to FILE: a regular file is replaced atomically,
                                      keeping its mode and owner; a device or FIFO is
                                      written as it is.
              --format <FORMAT>       json, or prometheus. (values: json, prometheus;
                                      default: json)
              --top <N>               Rows kept in each list. (default: 100)
              --pretty                Indent the JSON.
              -p, --port <PORTS>      Only sockets on PORTS.
              --version               Show the version.
              -h, --help              Show help information.

            """)
    }

    func testPositionalsHaveTheirOwnSection() {
        XCTAssertEqual(HelpText.command(P.replay, in: P.program), """
            OVERVIEW: The view over a recording.

            USAGE: nw replay <FILE|-> ... [--port <PORTS>]

            ARGUMENTS:
              <FILE|->                Recordings to replay, or '-' for standard input.

            OPTIONS:
              -p, --port <PORTS>      Only sockets on PORTS.
              --version               Show the version.
              -h, --help              Show help information.

            """)
    }

    /// The root lists the default command's options as its own, and the shown commands.
    func testTheProgramsHelp() {
        XCTAssertEqual(HelpText.program(P.program), """
            OVERVIEW: Live view of TCP.

            WATCH OPTIONS (nw [options], nw watch [options]):
              -i, --interval <SECONDS>
                                      Seconds between ticks.
              -p, --port <PORTS>      Only sockets on PORTS.
              --proc-root <DIR>       Read kernel files under DIR.

            USAGE: nw <subcommand>

            OPTIONS:
              --version               Show the version.
              -h, --help              Show help information.

            SUBCOMMANDS:
              watch (default)         The live view (the default command).
              dump                    Print one snapshot of the host's TCP state as JSON or
                                      Prometheus text, once.
              replay                  The view over a recording.

              See 'nw help <subcommand>' for detailed help.
            """)
    }

    /// A word counts with the space after it, so only the text's last word may reach the last
    /// column (as swift-argument-parser wrapped).
    func testWrappingLeavesTheLastColumnToTheLastWord() {
        XCTAssertEqual(HelpText.wrap("aaaa bbbb", width: 9), ["aaaa bbbb"])
        XCTAssertEqual(HelpText.wrap("aaaa bbbb c", width: 9), ["aaaa", "bbbb c"])
        XCTAssertEqual(HelpText.wrap("aaa bbbb c", width: 9), ["aaa bbbb", "c"])
        XCTAssertEqual(HelpText.wrap("abcdefghijkl x", width: 9), ["abcdefghijkl", "x"])
        XCTAssertEqual(HelpText.wrap("", width: 9), [])
    }
}
