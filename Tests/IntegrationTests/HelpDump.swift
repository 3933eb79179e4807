import Foundation
import TestSupport
import XCTest

/// The parts of `--experimental-dump-help`'s JSON (NetwatchCommandLine's description of every
/// command and argument, which `--help` prints from; the shape swift-argument-parser gave it)
/// that the documentation tests check.
struct HelpDump: Decodable {
    let command: CommandInfo

    /// `netwatch --experimental-dump-help`, decoded.
    static func load() throws -> HelpDump {
        let result = try ProcessRunner.run([FixturePaths.binary("netwatch"), "--experimental-dump-help"])
        XCTAssertEqual(result.status, 0, result.stderr)
        return try JSONDecoder().decode(HelpDump.self, from: Data(result.stdout.utf8))
    }
}

/// One command (the root or a subcommand) with its arguments and subcommands.
final class CommandInfo: Decodable {
    let commandName: String
    let abstract: String?
    let shouldDisplay: Bool?
    let arguments: [ArgumentInfo]?
    let subcommands: [CommandInfo]?

    var displayedSubcommands: [CommandInfo] { (subcommands ?? []).filter { $0.shouldDisplay != false } }

    /// What the man page lists: the displayed arguments; --help and --version only under the root.
    func displayedArguments(isRoot: Bool) -> [ArgumentInfo] {
        (arguments ?? []).filter { argument in
            argument.shouldDisplay != false && (isRoot || !["help", "version"].contains(argument.preferredName?.name ?? ""))
        }
    }
}

/// An option, flag or positional argument: its names (`-i`, `--interval`), value name, help.
struct ArgumentInfo: Decodable {
    struct Name: Decodable {
        let kind: String
        let name: String
        var text: String { (kind == "long" ? "--" : "-") + name }
    }

    let kind: String
    let names: [Name]?
    let preferredName: Name?
    let valueName: String?
    let abstract: String?
    let defaultValue: String?
    let shouldDisplay: Bool?
}
