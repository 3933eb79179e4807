import NetwatchCommandLine
import XCTest

final class CommandLineParserTests: XCTestCase {
    typealias P = ExampleProgram

    func testNoWordsRunTheDefaultCommand() throws {
        let arguments = try P.run([])
        XCTAssertEqual(arguments.command, "watch")
        XCTAssertNil(arguments.decimal(P.interval))
    }

    func testOptionsWithoutACommandGoToTheDefaultCommand() throws {
        let arguments = try P.run(["--port", "443"])
        XCTAssertEqual(arguments.command, "watch")
        XCTAssertEqual(arguments.text(P.port), "443")
    }

    func testAValueFollowsTheOptionOrItsEqualsSign() throws {
        XCTAssertEqual(try P.run(["--interval", "2.5"]).decimal(P.interval), 2.5)
        XCTAssertEqual(try P.run(["--interval=2.5"]).decimal(P.interval), 2.5)
        XCTAssertEqual(try P.run(["-i", "2.5"]).decimal(P.interval), 2.5)
        XCTAssertEqual(try P.run(["--port="]).text(P.port), "")
        XCTAssertEqual(try P.run(["--port=a=b"]).text(P.port), "a=b")
    }

    func testTheLastOfARepeatedOptionCounts() throws {
        XCTAssertEqual(try P.run(["-p", "80", "--port", "443", "--port=8080"]).text(P.port), "8080")
        XCTAssertTrue(try P.run(["dump", "-o", "x", "--pretty", "--pretty"]).flag(P.pretty))
    }

    func testNegativeNumbersAndADashAreValuesNotOptions() throws {
        XCTAssertEqual(try P.run(["-i", "-1"]).decimal(P.interval), -1)
        XCTAssertEqual(try P.run(["-i", "-.5"]).decimal(P.interval), -0.5)
        XCTAssertEqual(try P.run(["--port", "-1"]).text(P.port), "-1")
        XCTAssertEqual(try P.run(["dump", "-o", "-"]).text(P.output), "-")
    }

    func testAbsentOptionsReadAsTheirDefaults() throws {
        let arguments = try P.run(["dump", "-o", "out.json"])
        XCTAssertEqual(arguments.text(P.format), "json")
        XCTAssertEqual(arguments.integer(P.top), 100)
        XCTAssertFalse(arguments.flag(P.pretty))
        XCTAssertNil(arguments.text(P.port))
        let given = try P.run(["dump", "-o", "out.json", "--format", "prometheus", "--top", "7", "--pretty"])
        XCTAssertEqual(given.text(P.format), "prometheus")
        XCTAssertEqual(given.integer(P.top), 7)
        XCTAssertTrue(given.flag(P.pretty))
    }

    func testPositionalsInOrderAndEverythingAfterDoubleDash() throws {
        let arguments = try P.run(["replay", "a.ndjson", "--port", "80", "b.ndjson", "--", "--port", "-h", "-"])
        XCTAssertEqual(arguments.texts(P.files), ["a.ndjson", "b.ndjson", "--port", "-h", "-"])
        XCTAssertEqual(arguments.text(P.port), "80")
        let worker = try P.run(["worker", "3", "--parent", "42"])
        XCTAssertEqual(worker.integer(P.step), 3)
        XCTAssertEqual(worker.integer(P.parent), 42)
    }

    func testHelpAndVersionComeBeforeAnyOtherCheck() throws {
        XCTAssertEqual(try P.parser.parse(["--help"]), .help(command: nil))
        XCTAssertEqual(try P.parser.parse(["-h"]), .help(command: nil))
        XCTAssertEqual(try P.parser.parse(["--port", "443", "-h"]), .help(command: nil))
        XCTAssertEqual(try P.parser.parse(["dump", "--bogus", "--help"]), .help(command: "dump"))
        XCTAssertEqual(try P.parser.parse(["worker", "-h"]), .help(command: "worker"))
        XCTAssertEqual(try P.parser.parse(["help"]), .help(command: nil))
        XCTAssertEqual(try P.parser.parse(["help", "help"]), .help(command: nil))
        XCTAssertEqual(try P.parser.parse(["help", "--help"]), .help(command: nil))
        XCTAssertEqual(try P.parser.parse(["help", "replay"]), .help(command: "replay"))
        XCTAssertEqual(try P.parser.parse(["--version"]), .version)
        XCTAssertEqual(try P.parser.parse(["dump", "--version", "--top", "x"]), .version)
        XCTAssertEqual(try P.parser.parse(["dump", "--help", "--version"]), .help(command: "dump"))
        XCTAssertEqual(try P.run(["replay", "--", "--help"]).texts(P.files), ["--help"])
    }

    func testCompletionScriptAndHelpDumpRequests() throws {
        XCTAssertEqual(try P.parser.parse(["--generate-completion-script", "zsh"]), .completionScript(.zsh))
        XCTAssertEqual(try P.parser.parse(["--generate-completion-script=fish"]), .completionScript(.fish))
        XCTAssertEqual(try P.parser.parse(["--experimental-dump-help"]), .helpDump)
    }

    func testEachUsageErrorMessage() {
        let cases: [([String], String)] = [
            (["--bogus"], "Unknown option '--bogus'"),
            (["--prot", "80"], "Unknown option '--prot'. Did you mean '--port'?"),
            (["dump", "-o", "x", "--prety"], "Unknown option '--prety'. Did you mean '--pretty'?"),
            (["-x"], "Unknown option '-x'"),
            (["-ip"], "Unknown option '-ip'"),
            (["dump", "-o", "x", "--top"], "Missing value for '--top <N>'"),
            (["dump", "-o"], "Missing value for '-o <FILE>'"),
            (["dump", "--output", "--pretty"], "Missing value for '--output <FILE>'"),
            (["--port", "--"], "Missing value for '--port <PORTS>'"),
            (["dump", "-o", "x", "--top", "0x10"], "The value '0x10' is invalid for '--top <N>'"),
            (["--interval", "nan"], "The value 'nan' is invalid for '--interval <SECONDS>': expected a decimal number"),
            (["-i", "0x10"], "The value '0x10' is invalid for '-i <SECONDS>': expected a decimal number"),
            (["dump", "-o", "x", "--format", "xml"],
             "The value 'xml' is invalid for '--format <FORMAT>'. Please provide one of 'json' and 'prometheus'."),
            (["dump", "-o", "x", "--pretty=yes"], "The option '--pretty' does not take any value, but 'yes' was specified."),
            (["dump"], "Missing expected argument '--output <FILE>'"),
            (["replay"], "Missing expected argument '<FILE|-> ...'"),
            (["worker", "--parent", "1"], "Missing expected argument '<step>'"),
            (["worker", "x", "--parent", "1"], "The value 'x' is invalid for '<step>'"),
            (["bogus"], "Unexpected argument 'bogus'"),
            (["worker", "1", "2", "--parent", "1"], "Unexpected argument '2'"),
            (["help", "nope"], "help: no command 'nope' (commands: watch, dump, replay)"),
            (["help", "worker"], "help: no command 'worker' (commands: watch, dump, replay)"),
            (["help", "dump", "extra"], "Unexpected argument 'extra'"),
            (["--generate-completion-script"], "Missing value for '--generate-completion-script <shell>'"),
            (["--generate-completion-script", "tcsh"],
             "The value 'tcsh' is invalid for '--generate-completion-script <shell>'. Please provide one of 'bash', 'zsh' and 'fish'."),
            (["--generate-completion-script", "bash", "zsh"], "Unexpected argument 'zsh'"),
            (["--experimental-dump-help", "dump"], "Unexpected argument 'dump'"),
        ]
        for (words, message) in cases {
            XCTAssertEqual(P.error(words), message, words.joined(separator: " "))
        }
    }

    func testAValueInAMessageIsQuotedByItsFirst120Characters() {
        let long = String(repeating: "x", count: 100_000)
        XCTAssertEqual(P.error(["--interval", long]),
                       "The value '\(String(repeating: "x", count: 120))' is invalid for '--interval <SECONDS>': expected a decimal number")
    }
}
