import Foundation
import TestSupport
import XCTest

/// `docs/netwatch.1` against the binary's own description of its interface
/// (`netwatch --experimental-dump-help`, the source `--help` prints from): every command, option,
/// value name, description and default must be in the page as generated, and nothing else.
final class ManPageTests: XCTestCase {
    static let regenerate = "regenerate it with scripts/docs/manpage"
    let netwatch = FixturePaths.binary("netwatch")

    func testCommandsSectionListsExactlyWhatHelpPrints() throws {
        let page = try ManPage(path: FixturePaths.packageRoot + "/docs/netwatch.1")
        let root = try HelpDump.load().command
        let commands = [root] + root.displayedSubcommands
        let expected = commands.map { command in
            ManPage.Section(title: command === root ? "netwatch" : "netwatch \(command.commandName)",
                            abstract: command.abstract ?? "",
                            entries: command.displayedArguments(isRoot: command === root).map(\.manPageEntry))
        }
        XCTAssertEqual(page.sections.map(\.title), expected.map(\.title),
                       "docs/netwatch.1 has other commands than `netwatch --help`; \(Self.regenerate)")
        for (section, want) in zip(page.sections, expected) where section.title == want.title {
            XCTAssertEqual(section.abstract, want.abstract, "\(want.title): description differs; \(Self.regenerate)")
            XCTAssertEqual(section.entries.map(\.head), want.entries.map(\.head),
                           "\(want.title): options or value names differ from --help; \(Self.regenerate)")
            XCTAssertEqual(section.entries, want.entries, "\(want.title): option help differs; \(Self.regenerate)")
        }
        XCTAssertEqual(page.synopsis.map { $0.split(separator: " ").prefix(2).joined(separator: " ") },
                       ["netwatch [options]"] + root.displayedSubcommands.map { "netwatch \($0.commandName)" },
                       "SYNOPSIS: \(Self.regenerate)")
    }

    /// `netwatch` alone runs the dashboard: its `--help` lists the dashboard's options, each
    /// with the help `netwatch top --help` gives it.
    func testRootHelpListsTheDashboardOptions() throws {
        let help = try ProcessRunner.run([netwatch, "--help"])
        XCTAssertEqual(help.status, 0, help.stderr)
        XCTAssertTrue(help.stdout.contains("DASHBOARD OPTIONS (netwatch [options], netwatch top [options]):\n"), help.stdout)
        let top = try XCTUnwrap(HelpDump.load().command.displayedSubcommands.first { $0.commandName == "top" })
        let options = top.displayedArguments(isRoot: false).compactMap { $0.names?.first { $0.kind == "long" }?.text }
        XCTAssertEqual(options.count, 12)
        for option in options {
            XCTAssertTrue(help.stdout.contains("  " + option) || help.stdout.contains(", " + option), "\(option) missing from netwatch --help")
        }
        XCTAssertTrue(help.stdout.contains("-i, --interval <SECONDS>\n                          Seconds between ticks (0.5 to 60; default 1).\n"))
    }

    func testTitleLineCarriesTheBinarysVersion() throws {
        let page = try ManPage(path: FixturePaths.packageRoot + "/docs/netwatch.1")
        let version = try ProcessRunner.run([netwatch, "--version"])
        XCTAssertEqual(version.status, 0)
        let number = version.stdout.components(separatedBy: " (git ").first ?? ""
        XCTAssertEqual(page.title, "NETWATCH 1 \"\" \"\(number)\" \"User Commands\"", "the .TH line; \(Self.regenerate)")
    }
}

/// The generated part of a man page as plain text: the SYNOPSIS lines, and per `.SS` command
/// its description and its `.TP` entries (head line, then description).
private struct ManPage {
    struct Entry: Equatable, CustomStringConvertible {
        var head: String
        var text: String
        var description: String { head + ": " + text }
    }

    struct Section: Equatable {
        var title: String
        var abstract: String
        var entries: [Entry]
    }

    var title = ""
    var synopsis = [String]()
    var sections = [Section]()

    init(path: String) throws {
        let lines = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        title = lines.first { $0.hasPrefix(".TH ") }.map { String($0.dropFirst(4)) } ?? ""
        guard let begin = lines.firstIndex(where: { $0.hasPrefix(".\\\" BEGIN GENERATED") }),
              let end = lines.firstIndex(where: { $0.hasPrefix(".\\\" END GENERATED") }), begin < end else {
            XCTFail("\(path) has no BEGIN GENERATED / END GENERATED block; \(ManPageTests.regenerate)")
            return
        }
        var heading = ""
        var expectHead = false
        for line in lines[(begin + 1)..<end] {
            if line.hasPrefix(".SH ") {
                heading = String(line.dropFirst(4))
            } else if line.hasPrefix(".SS ") {
                sections.append(Section(title: Self.plain(String(line.dropFirst(4))).trimmingCharacters(in: ["\""]), abstract: "", entries: []))
            } else if line == ".TP" {
                expectHead = true
            } else if line == ".br" {
                continue
            } else if heading == "SYNOPSIS" {
                synopsis.append(Self.plain(line))
            } else if expectHead, !sections.isEmpty {
                sections[sections.count - 1].entries.append(Entry(head: Self.plain(line), text: ""))
                expectHead = false
            } else if !sections.isEmpty {
                let text = Self.plain(line)
                if sections[sections.count - 1].entries.isEmpty {
                    sections[sections.count - 1].abstract += text
                } else {
                    sections[sections.count - 1].entries[sections[sections.count - 1].entries.count - 1].text += text
                }
            }
        }
    }

    /// Roff escapes and font changes removed: `\fB\-\-port\fR \fIPORTS\fR` → `--port PORTS`,
    /// `\[u2026]` → `…`.
    static func plain(_ roff: String) -> String {
        var text = roff
        for font in ["\\fB", "\\fI", "\\fR", "\\&"] { text = text.replacingOccurrences(of: font, with: "") }
        while let escape = text.range(of: #"\\\[u[0-9A-F]{4}\]"#, options: .regularExpression),
              let code = UInt32(text[escape].dropFirst(3).dropLast(), radix: 16), let scalar = Unicode.Scalar(code) {
            text.replaceSubrange(escape, with: String(Character(scalar)))
        }
        return text.replacingOccurrences(of: "\\-", with: "-").replacingOccurrences(of: "\\e", with: "\\")
    }
}

private extension ArgumentInfo {
    /// `-i, --interval SECONDS` and `Seconds between ticks (0.5 to 60). (default: 1.0)`.
    var manPageEntry: ManPage.Entry {
        var head = (names ?? []).map(\.text).joined(separator: ", ")
        if kind == "positional" { head = valueName ?? "" }
        if kind == "option" { head += " " + (valueName ?? "") }
        return ManPage.Entry(head: head, text: (abstract ?? "") + (defaultValue.map { " (default: \($0))" } ?? ""))
    }
}
