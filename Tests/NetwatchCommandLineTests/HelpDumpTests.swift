import NetwatchCommandLine
import NetwatchCore
import XCTest

/// `--experimental-dump-help` keeps the shape swift-argument-parser gave it: scripts/docs/manpage
/// and the documentation tests read it.
final class HelpDumpTests: XCTestCase {
    typealias P = ExampleProgram

    func testTheRootNamesItsDefaultCommandAndEveryCommand() throws {
        let root = try XCTUnwrap(HelpDump.json(P.program)["command"])
        XCTAssertEqual(HelpDump.json(P.program)["serializationVersion"], .int(0))
        XCTAssertEqual(root["commandName"], .string("nw"))
        XCTAssertEqual(root["defaultSubcommand"], .string("watch"))
        guard case let .array(commands)? = root["subcommands"] else { return XCTFail("no subcommands") }
        XCTAssertEqual(commands.map { $0["commandName"] }, ["watch", "dump", "replay", "worker", "help"].map(JSONValue.string))
        XCTAssertEqual(commands.map { $0["shouldDisplay"] }, [true, true, true, false, true].map(JSONValue.bool))
    }

    func testAnOptionWithShortAndLongNamesAndAChoice() throws {
        let root = try XCTUnwrap(HelpDump.json(P.program)["command"])
        guard case let .array(commands)? = root["subcommands"], case let .array(arguments)? = commands[1]["arguments"] else {
            return XCTFail("no dump arguments")
        }
        XCTAssertEqual(arguments[0].serialized(), #"{"kind":"option","names":[{"kind":"short","name":"o"},{"kind":"long","name":"output"}],"#
                       + #""preferredName":{"kind":"long","name":"output"},"valueName":"FILE","abstract":"Write to FILE: a regular file is "#
                       + #"replaced atomically, keeping its mode and owner; a device or FIFO is written as it is.","isOptional":false,"#
                       + #""isRepeating":false,"shouldDisplay":true,"completionKind":{"file":{"extensions":[]}}}"#)
        XCTAssertEqual(arguments[1].serialized(), #"{"kind":"option","names":[{"kind":"long","name":"format"}],"#
                       + #""preferredName":{"kind":"long","name":"format"},"valueName":"FORMAT","abstract":"json, or prometheus.","#
                       + #""isOptional":true,"isRepeating":false,"shouldDisplay":true,"defaultValue":"json","#
                       + #""allValues":["json","prometheus"],"completionKind":{"list":{"values":["json","prometheus"]}}}"#)
        XCTAssertEqual(arguments.compactMap { $0["preferredName"]?["name"] }.suffix(2), [.string("version"), .string("help")])
    }
}
