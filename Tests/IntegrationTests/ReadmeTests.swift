import Foundation
import TestSupport
import XCTest

/// README.md against what CI runs and what the binary offers: the Quick start is exactly the two
/// commands `.ci/run` runs, and every command and long option `--help` lists is named in it.
final class ReadmeTests: XCTestCase {
    static let runCommand = "scripts/setup && swift run -c release netwatch"
    static let testCommand = "scripts/setup && swift build && swift test --disable-swift-testing"

    func testQuickStartIsTheTwoCommandsCIRuns() throws {
        let readme = try text("README.md")
        let quickStart = try XCTUnwrap(readme.components(separatedBy: "## Quick start\n").dropFirst().first)
        let block = try XCTUnwrap(quickStart.components(separatedBy: "```sh\n").dropFirst().first?.components(separatedBy: "```").first)
        XCTAssertEqual(block, Self.runCommand + "\n" + Self.testCommand + "\n")

        let ci = try text(".ci/run").split(separator: "\n").map(String.init)
        XCTAssertTrue(ci.contains(Self.testCommand), ".ci/run runs the test command as written")
        XCTAssertTrue(ci.contains { $0.contains("$(\(Self.runCommand) --version)") },
                      ".ci/run runs the run command's set-up and build, asking the binary for its version")
    }

    func testEveryCommandAndLongOptionOfTheHelpIsNamed() throws {
        let readme = try text("README.md")
        let root = try HelpDump.load().command
        for command in [root] + root.displayedSubcommands {
            if command !== root {
                XCTAssertTrue(readme.contains("`netwatch \(command.commandName)"), "README.md does not name the command `netwatch \(command.commandName)`")
            }
            for argument in command.arguments ?? [] where argument.shouldDisplay != false {
                for long in (argument.names ?? []).filter({ $0.kind == "long" }) {
                    XCTAssertTrue(readme.contains("`" + long.text), "README.md does not name \(long.text) of `\(command.commandName)`")
                }
            }
        }
    }

    private func text(_ path: String) throws -> String {
        try String(contentsOfFile: FixturePaths.packageRoot + "/" + path, encoding: .utf8)
    }
}
