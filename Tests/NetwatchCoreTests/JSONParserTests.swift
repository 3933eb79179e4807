import XCTest
@testable import NetwatchCore
import TestSupport

final class JSONParserTests: XCTestCase {
    func parseError(_ text: String) -> JSONParseError? {
        do {
            _ = try JSONValue.parse(text)
            return nil
        } catch {
            return error
        }
    }

    func testScalars() throws {
        XCTAssertEqual(try JSONValue.parse("null"), .null)
        XCTAssertEqual(try JSONValue.parse(" true "), .bool(true))
        XCTAssertEqual(try JSONValue.parse("false"), .bool(false))
        XCTAssertEqual(try JSONValue.parse("\"\""), .string(""))
    }

    func testNumbersKeepTheirKind() throws {
        XCTAssertEqual(try JSONValue.parse("0"), .int(0))
        XCTAssertEqual(try JSONValue.parse("-0"), .int(0))
        XCTAssertEqual(try JSONValue.parse("28100"), .int(28_100))
        XCTAssertEqual(try JSONValue.parse("-9223372036854775808"), .int(.min))
        XCTAssertEqual(try JSONValue.parse("9223372036854775808"), .double(9_223_372_036_854_775_808))
        XCTAssertEqual(try JSONValue.parse("0.93"), .double(0.93))
        XCTAssertEqual(try JSONValue.parse("1e-05"), .double(0.000_01))
        XCTAssertEqual(try JSONValue.parse("2E+3"), .double(2_000))
        XCTAssertEqual(try JSONValue.parse("-1.5e2"), .double(-150))
        XCTAssertEqual(parseError("01"), JSONParseError(offset: 0, reason: "leading zero in a number"))
        XCTAssertEqual(parseError("1."), JSONParseError(offset: 2, reason: "unexpected end of input in a number"))
        XCTAssertEqual(parseError("-x"), JSONParseError(offset: 1, reason: "expected a digit"))
        XCTAssertEqual(parseError("1e999"), JSONParseError(offset: 0, reason: "number out of range"))
        XCTAssertEqual(parseError("+1"), JSONParseError(offset: 0, reason: "unexpected character '+'"))
    }

    func testEscapesIncludingSurrogatePairs() throws {
        XCTAssertEqual(try JSONValue.parse(#""a\"b\\c\/d\b\f\n\r\t""#), .string("a\"b\\c/d\u{8}\u{C}\n\r\t"))
        XCTAssertEqual(try JSONValue.parse(#""\u00e9\u0001\u20AC""#), .string("é\u{1}€"))
        XCTAssertEqual(try JSONValue.parse(#""x\ud83d\ude00y""#), .string("x😀y"))
        XCTAssertEqual(try JSONValue.parse("\"raw é 😀\""), .string("raw é 😀"))
        XCTAssertEqual(parseError(#""\ud83d""#), JSONParseError(offset: 1, reason: "high surrogate \\uD83D not followed by a low surrogate"))
        XCTAssertEqual(parseError(#""\ud83d\u0041""#), JSONParseError(offset: 1, reason: "high surrogate \\uD83D not followed by a low surrogate"))
        XCTAssertEqual(parseError(#""\ude00""#), JSONParseError(offset: 1, reason: "lone low surrogate \\uDE00"))
        XCTAssertEqual(parseError(#""\x""#), JSONParseError(offset: 1, reason: "invalid escape '\\x'"))
        XCTAssertEqual(parseError(#""\u12g4""#), JSONParseError(offset: 5, reason: "expected a hex digit in a \\u escape"))
        XCTAssertEqual(parseError("\"a\nb\""), JSONParseError(offset: 2, reason: "control character U+000A in a string (must be escaped)"))
    }

    func testSerializedTextParsesBackToTheSameValue() throws {
        let value = JSONValue.object([
            ("s", .string("quote \" slash \\ nl \n ctl \u{1} é 😀")), ("i", .int(-42)), ("d", .double(0.125)),
            ("a", .array([.null, .bool(true), .array([]), .object([])])), ("o", .object([("k", .object([("z", .int(1))]))])),
        ])
        XCTAssertEqual(try JSONValue.parse(value.serialized()), value)
        XCTAssertEqual(try JSONValue.parse(value.serialized(pretty: true)), value)
    }

    /// What the encoder writes for a number parses and formats back to the same text.
    func testFormattedNumbersAreStableThroughParsing() throws {
        XCTAssertEqual(JSONValue.format(1e-7), "0")
        XCTAssertEqual(JSONValue.format(-1e-7), "0")
        XCTAssertEqual(JSONValue.format(2.000_000_1), "2")
        XCTAssertEqual(JSONValue.format(1e300), "1e+300")
        for d in [1e-7, 0.000_012_3, 2.000_000_1, 12.345_678_9, 0.93, 1e15, 1e300, -4.5, 9_007_199_254_740_993.0] {
            let text = JSONValue.format(d)
            XCTAssertEqual(JSONValue.format(try JSONValue.parse(text).number), text)
        }
    }

    func testNestingAndMemberOrder() throws {
        let parsed = try JSONValue.parse(#"{"b": [1, {"c": [[]]}], "a": {}}"#)
        XCTAssertEqual(parsed, .object([("b", .array([.int(1), .object([("c", .array([.array([])]))])])), ("a", .object([]))]))
        let deep = String(repeating: "[", count: 600) + String(repeating: "]", count: 600)
        XCTAssertEqual(parseError(deep), JSONParseError(offset: 512, reason: "nesting deeper than 512 levels"))
    }

    /// A torn NDJSON line: the offset is where the input ran out.
    func testTornInputReportsTheEndOffset() {
        XCTAssertEqual(parseError(#"{"host":{"name":"web-"#), JSONParseError(offset: 21, reason: "unexpected end of input in a string"))
        XCTAssertEqual(parseError(#"{"a":1,"#), JSONParseError(offset: 7, reason: "unexpected end of input in an object"))
        XCTAssertEqual(parseError(#"{"a":"#), JSONParseError(offset: 5, reason: "unexpected end of input where a value was expected"))
        XCTAssertEqual(parseError(#"{"a":[1,2"#), JSONParseError(offset: 9, reason: "unexpected end of input in an array (after an item)"))
        XCTAssertEqual(parseError(#"{"a":tr"#), JSONParseError(offset: 7, reason: "unexpected end of input in 'true'"))
        XCTAssertEqual(parseError(#"{"a":"\u00"#), JSONParseError(offset: 10, reason: "unexpected end of input in a \\u escape"))
        XCTAssertEqual(parseError(#"{"a":"é"#), JSONParseError(offset: 8, reason: "unexpected end of input in a string"))
        XCTAssertEqual(parseError(""), JSONParseError(offset: 0, reason: "unexpected end of input where a value was expected"))
    }

    func testStructuralErrors() {
        XCTAssertEqual(parseError(#"{"a":1}x"#), JSONParseError(offset: 7, reason: "unexpected content after the JSON value"))
        XCTAssertEqual(parseError(#"{"a" 1}"#), JSONParseError(offset: 5, reason: "expected ':' after an object key"))
        XCTAssertEqual(parseError(#"{a:1}"#), JSONParseError(offset: 1, reason: "expected a string key in an object"))
        XCTAssertEqual(parseError(#"[1,]"#), JSONParseError(offset: 3, reason: "unexpected character ']'"))
        XCTAssertEqual(parseError(#"[1 2]"#), JSONParseError(offset: 3, reason: "expected ']' in an array (after an item)"))
        XCTAssertEqual(parseError("nul"), JSONParseError(offset: 3, reason: "unexpected end of input in 'null'"))
        XCTAssertEqual(parseError("nulL"), JSONParseError(offset: 0, reason: "invalid literal (expected 'null')"))
        XCTAssertEqual(JSONParseError(offset: 9, reason: "x").description, "invalid JSON at byte 9: x")
    }

    /// A line over 100 KB (the size of a busy snapshot) parses back to the same value.
    /// (Speed is for a benchmark, not a test: a timed assertion fails when the machine is busy.)
    func testLargeLineParsesToTheSameValue() throws {
        let line = SnapshotEncoder.encode(SnapshotFixtures.storm()).serialized()
        let items = Array(repeating: try JSONValue.parse(line), count: 100_000 / line.utf8.count + 1)
        let big = JSONValue.array(items)
        let text = big.serialized()
        XCTAssertGreaterThan(text.utf8.count, 100_000)
        XCTAssertEqual(try JSONValue.parse(text), big)
    }
}

private extension JSONValue {
    var number: Double {
        switch self {
        case let .int(i): Double(i)
        case let .double(d): d
        default: .nan
        }
    }
}
