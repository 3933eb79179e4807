import Foundation
import NetwatchCore
import NetwatchLinux
import TestSupport
import XCTest

final class ConfigFileTests: XCTestCase {
    func testDefaultPathFollowsXDGThenHome() {
        XCTAssertEqual(ConfigFile.defaultPath(environment: ["XDG_CONFIG_HOME": "/x", "HOME": "/h"]), "/x/netwatch/config.toml")
        XCTAssertEqual(ConfigFile.defaultPath(environment: ["XDG_CONFIG_HOME": "", "HOME": "/h"]), "/h/.config/netwatch/config.toml")
        XCTAssertNil(ConfigFile.defaultPath(environment: [:]))
    }

    func testAMissingDefaultFileGivesTheDefaultsButAMissingOptionFileIsAnError() throws {
        let scratch = try ScratchDirectory("netwatch-config")
        defer { scratch.remove() }
        XCTAssertEqual(try ConfigFile.load(option: nil, environment: ["XDG_CONFIG_HOME": scratch.path]), NetwatchConfig())
        XCTAssertThrowsError(try ConfigFile.load(option: scratch.path + "/none.toml", environment: [:])) { error in
            XCTAssertEqual("\(error)", scratch.path + "/none.toml: no such file")
        }
    }

    func testTheDefaultFileIsReadAndCheckedWhenPresent() throws {
        let scratch = try ScratchDirectory("netwatch-config")
        defer { scratch.remove() }
        try FileManager.default.createDirectory(atPath: scratch.path + "/netwatch", withIntermediateDirectories: true)
        let path = scratch.path + "/netwatch/config.toml"
        try "[advice]\nsyn_sent_warning = 5\n".write(toFile: path, atomically: true, encoding: .utf8)
        XCTAssertEqual(try ConfigFile.load(option: nil, environment: ["XDG_CONFIG_HOME": scratch.path]).advice.synSentWarning, 5)
        try "[advice]\nsyn_sent_warnin = 5\n".write(toFile: path, atomically: true, encoding: .utf8)
        XCTAssertThrowsError(try ConfigFile.load(option: nil, environment: ["XDG_CONFIG_HOME": scratch.path])) { error in
            XCTAssertTrue("\(error)" == path + ":2: key 'syn_sent_warnin': unknown setting in [advice]; did you mean 'syn_sent_warning'?",
                          "\(error)")
        }
    }

    func testOnlyARegularFileOfUTF8TextIsRead() throws {
        let scratch = try ScratchDirectory("netwatch-config")
        defer { scratch.remove() }
        try Data([0x23, 0x20, 0xE9, 0x0A]).write(to: URL(fileURLWithPath: scratch.path + "/latin1.toml"))
        XCTAssertEqual(mkfifo(scratch.path + "/fifo", 0o600), 0)
        let cases: [(String, String)] = [
            ("/dev/null", "/dev/null: cannot read the file: not a regular file (it is a character device)"),
            (scratch.path, "\(scratch.path): cannot read the file: not a regular file (it is a directory)"),
            (scratch.path + "/fifo", "\(scratch.path)/fifo: cannot read the file: not a regular file (it is a FIFO)"),
            (scratch.path + "/latin1.toml", "\(scratch.path)/latin1.toml: cannot read the file: not UTF-8 text"),
            ("", "--config: expected a file path, not an empty string"),
        ]
        for (option, message) in cases {
            XCTAssertThrowsError(try ConfigFile.load(option: option, environment: [:])) { error in
                XCTAssertEqual("\(error)", message)
            }
        }
    }
}
