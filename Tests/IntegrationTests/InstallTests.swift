import Foundation
import TestSupport
import XCTest

/// `scripts/install` (what `make install` runs) into a scratch DESTDIR, with the debug binary
/// the tests were built with (NETWATCH_BINARY), so no release build is needed. The release
/// binary `make install` builds is checked by ``ShippedBinaryTests``.
final class InstallTests: XCTestCase {
    let netwatch = FixturePaths.binary("netwatch")
    let root = FixturePaths.packageRoot

    func testInstallPutsBinaryManPageCompletionsAndThemesUnderDestdirPrefix() throws {
        let stage = try ScratchDirectory("nwinst")
        defer { stage.remove() }
        let result = try install(prefix: "/usr", destdir: stage.path)
        XCTAssertEqual(result.status, 0, result.stderr)
        let version = try ProcessRunner.run([netwatch, "--version"]).stdout
        XCTAssertEqual(result.stdout, "install: \(version.dropLast()) in \(stage.path)/usr\n")

        let themes = try FileManager.default.contentsOfDirectory(atPath: root + "/themes").filter { $0.hasSuffix(".toml") }.sorted()
        XCTAssertEqual(themes.count, 5)
        let expected: [(String, Data)] = [
            ("usr/bin/netwatch", try stripped(netwatch, into: stage.path + "-stripped")),
            ("usr/share/bash-completion/completions/netwatch", try completion("bash")),
            ("usr/share/fish/vendor_completions.d/netwatch.fish", try completion("fish")),
            ("usr/share/man/man1/netwatch.1", try file(root + "/docs/netwatch.1")),
        ] + (try themes.map { ("usr/share/netwatch/themes/" + $0, try file(root + "/themes/" + $0)) })
            + [("usr/share/zsh/site-functions/_netwatch", try completion("zsh"))]
        XCTAssertEqual(try installedFiles(stage.path), expected.map(\.0))
        for (path, contents) in expected {
            XCTAssertEqual(try file(stage.path + "/" + path), contents, path)
            let mode = try XCTUnwrap(FileManager.default.attributesOfItem(atPath: stage.path + "/" + path)[.posixPermissions] as? Int)
            XCTAssertEqual(mode, path.hasPrefix("usr/bin/") ? 0o755 : 0o644, path)
        }
        XCTAssertTrue(try completion("zsh").starts(with: Data("#compdef netwatch\n".utf8)))
    }

    /// The installed binary finds the installed themes (PREFIX/share/netwatch/themes, found from
    /// its own path): asked for a theme that does not exist, it lists where it looked.
    func testInstalledBinaryLooksForThemesInTheInstalledThemeFolder() throws {
        try TmuxSession.skipUnlessAvailable()
        let stage = try ScratchDirectory("nwinst")
        defer { stage.remove() }
        XCTAssertEqual(try install(prefix: "/opt/nw", destdir: stage.path).status, 0)
        let quote = TmuxSession.shellQuote
        let command = "env HOME=\(quote(stage.path)) \(quote(stage.path + "/opt/nw/bin/netwatch")) --theme nosuch 2> \(quote(stage.path + "/stderr"));"
            + " echo NETWATCH_EXIT=$?; sleep 60"
        let tmux = try TmuxSession(label: "install", width: 120, height: 40, command: command)
        defer { tmux.kill() }
        XCTAssertEqual(try tmux.waitForExitStatus(), 2)
        XCTAssertEqual(try String(contentsOfFile: stage.path + "/stderr", encoding: .utf8),
                       "netwatch: nosuch: no such theme in \(stage.path)/opt/nw/share/netwatch/themes, \(stage.path)/.config/netwatch/themes "
                       + "(available: default, dracula, high-contrast, light, monochrome)\n")
    }

    func testRelativePrefixIsRefusedBeforeInstallingAnything() throws {
        let stage = try ScratchDirectory("nwinst")
        defer { stage.remove() }
        let result = try install(prefix: "usr/local", destdir: stage.path)
        XCTAssertEqual(result.status, 2)
        XCTAssertEqual(result.stderr, "install: PREFIX must be an absolute path, not 'usr/local'\n")
        XCTAssertEqual(try installedFiles(stage.path), [])
    }

    func testMakeInstallPassesPrefixAndDestdirToTheScript() throws {
        try EnvironmentRequirement.require(FileManager.default.isExecutableFile(atPath: ProcessRunner.resolve("make")), "needs make")
        let result = try ProcessRunner.run(["make", "-s", "-n", "-C", root, "install", "PREFIX=/opt/nw", "DESTDIR=/stage"])
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertEqual(result.stdout, "PREFIX=\"/opt/nw\" DESTDIR=\"/stage\" scripts/install\n")
    }

    private func install(prefix: String, destdir: String) throws -> ProcessResult {
        var environment = ProcessInfo.processInfo.environment
        environment["PREFIX"] = prefix
        environment["DESTDIR"] = destdir
        environment["NETWATCH_BINARY"] = netwatch
        return try ProcessRunner.run([root + "/scripts/install"], environment: environment)
    }

    /// Every regular file under `directory`, as sorted relative paths.
    private func installedFiles(_ directory: String) throws -> [String] {
        let enumerator = try XCTUnwrap(FileManager.default.enumerator(atPath: directory))
        return enumerator.compactMap { $0 as? String }.filter { path in
            var isDirectory: ObjCBool = false
            return FileManager.default.fileExists(atPath: directory + "/" + path, isDirectory: &isDirectory) && !isDirectory.boolValue
        }.sorted()
    }

    private func completion(_ shell: String) throws -> Data {
        let result = try ProcessRunner.run([netwatch, "--generate-completion-script", shell])
        XCTAssertEqual(result.status, 0, result.stderr)
        return Data(result.stdout.utf8)
    }

    /// `binary` as `install -s` installs it: stripped of its symbol table and debug information.
    private func stripped(_ binary: String, into path: String) throws -> Data {
        defer { try? FileManager.default.removeItem(atPath: path) }
        let result = try ProcessRunner.run(["strip", "-o", path, binary])
        XCTAssertEqual(result.status, 0, result.stderr)
        return try file(path)
    }

    private func file(_ path: String) throws -> Data {
        try Data(contentsOf: URL(fileURLWithPath: path))
    }
}
