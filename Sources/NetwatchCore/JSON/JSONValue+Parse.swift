/// Why a JSON text was refused: the byte offset (UTF-8, from 0) where the problem was found and a
/// short reason. A torn NDJSON line fails at its length with "unexpected end of input …".
public struct JSONParseError: Error, Equatable, Sendable, CustomStringConvertible {
    public let offset: Int
    public let reason: String

    public init(offset: Int, reason: String) {
        self.offset = offset
        self.reason = reason
    }

    public var description: String { "invalid JSON at byte \(offset): \(reason)" }
}

extension JSONValue {
    /// Parses one JSON text (RFC 8259). Numbers without a fraction or exponent become `.int`
    /// (`.double` beyond the `Int64` range), others `.double`; object members keep their order.
    public static func parse(_ text: String) throws(JSONParseError) -> JSONValue {
        var text = text
        let result = text.withUTF8 { bytes in
            var parser = JSONParser(bytes: bytes)
            return Result { () throws(JSONParseError) in try parser.document() }
        }
        return try result.get()
    }
}

/// A recursive-descent parser over UTF-8 bytes; nesting is capped at ``maxDepth`` so a hostile
/// line cannot exhaust the stack.
struct JSONParser {
    static let maxDepth = 512

    let bytes: UnsafeBufferPointer<UInt8>
    var index = 0
    var depth = 0

    init(bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

    mutating func document() throws(JSONParseError) -> JSONValue {
        let value = try self.value()
        skipWhitespace()
        guard index == bytes.count else { throw fail("unexpected content after the JSON value") }
        return value
    }

    private func fail(_ reason: String, at offset: Int? = nil) -> JSONParseError {
        JSONParseError(offset: offset ?? index, reason: reason)
    }

    private func failEnd(_ context: String) -> JSONParseError { fail("unexpected end of input \(context)") }

    private mutating func skipWhitespace() {
        while index < bytes.count {
            switch bytes[index] {
            case 0x20, 0x09, 0x0A, 0x0D: index += 1
            default: return
            }
        }
    }

    private mutating func value() throws(JSONParseError) -> JSONValue {
        skipWhitespace()
        guard index < bytes.count else { throw failEnd("where a value was expected") }
        switch bytes[index] {
        case UInt8(ascii: "{"): return try nested { (p) throws(JSONParseError) in try p.object() }
        case UInt8(ascii: "["): return try nested { (p) throws(JSONParseError) in try p.array() }
        case UInt8(ascii: "\""): return .string(try string())
        case UInt8(ascii: "t"): try literal("true"); return .bool(true)
        case UInt8(ascii: "f"): try literal("false"); return .bool(false)
        case UInt8(ascii: "n"): try literal("null"); return .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return try number()
        default: throw fail("unexpected character '\(Unicode.Scalar(bytes[index]).escaped(asASCII: true))'")
        }
    }

    private mutating func nested(_ body: (inout JSONParser) throws(JSONParseError) -> JSONValue) throws(JSONParseError) -> JSONValue {
        guard depth < JSONParser.maxDepth else { throw fail("nesting deeper than \(JSONParser.maxDepth) levels") }
        depth += 1
        defer { depth -= 1 }
        return try body(&self)
    }

    private mutating func literal(_ word: StaticString) throws(JSONParseError) {
        let start = index
        for expected in UnsafeBufferPointer(start: word.utf8Start, count: word.utf8CodeUnitCount) {
            guard index < bytes.count else { throw failEnd("in '\(word)'") }
            guard bytes[index] == expected else { throw fail("invalid literal (expected '\(word)')", at: start) }
            index += 1
        }
    }

    private mutating func expect(_ byte: UInt8, context: String) throws(JSONParseError) {
        skipWhitespace()
        guard index < bytes.count else { throw failEnd(context) }
        guard bytes[index] == byte else { throw fail("expected '\(Character(Unicode.Scalar(byte)))' \(context)") }
        index += 1
    }

    /// Consumes `byte` (after whitespace) when it is next.
    private mutating func consume(_ byte: UInt8) -> Bool {
        skipWhitespace()
        guard index < bytes.count, bytes[index] == byte else { return false }
        index += 1
        return true
    }

    private mutating func object() throws(JSONParseError) -> JSONValue {
        index += 1
        var members: [(String, JSONValue)] = []
        if consume(UInt8(ascii: "}")) { return .object(members) }
        repeat {
            skipWhitespace()
            guard index < bytes.count else { throw failEnd("in an object") }
            guard bytes[index] == UInt8(ascii: "\"") else { throw fail("expected a string key in an object") }
            let key = try string()
            try expect(UInt8(ascii: ":"), context: "after an object key")
            members.append((key, try value()))
        } while consume(UInt8(ascii: ","))
        try expect(UInt8(ascii: "}"), context: "in an object (after a member)")
        return .object(members)
    }

    private mutating func array() throws(JSONParseError) -> JSONValue {
        index += 1
        var items: [JSONValue] = []
        if consume(UInt8(ascii: "]")) { return .array(items) }
        repeat {
            items.append(try value())
        } while consume(UInt8(ascii: ","))
        try expect(UInt8(ascii: "]"), context: "in an array (after an item)")
        return .array(items)
    }

    /// A string starting at the opening quote; the unescaped run is copied in one piece.
    private mutating func string() throws(JSONParseError) -> String {
        index += 1
        var decoded: [UInt8] = []
        var runStart = index
        while true {
            guard index < bytes.count else { throw failEnd("in a string") }
            let byte = bytes[index]
            switch byte {
            case UInt8(ascii: "\""):
                let run = UnsafeBufferPointer(rebasing: bytes[runStart..<index])
                index += 1
                if decoded.isEmpty { return String(decoding: run, as: UTF8.self) }
                decoded.append(contentsOf: run)
                return String(decoding: decoded, as: UTF8.self)
            case UInt8(ascii: "\\"):
                decoded.append(contentsOf: bytes[runStart..<index])
                try escape(into: &decoded)
                runStart = index
            case 0..<0x20:
                throw fail("control character U+\(hex4(UInt32(byte))) in a string (must be escaped)")
            default:
                index += 1
            }
        }
    }

    private mutating func escape(into out: inout [UInt8]) throws(JSONParseError) {
        let start = index
        index += 1
        guard index < bytes.count else { throw failEnd("in a string escape") }
        let byte = bytes[index]
        index += 1
        switch byte {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): out.append(byte)
        case UInt8(ascii: "b"): out.append(0x08)
        case UInt8(ascii: "f"): out.append(0x0C)
        case UInt8(ascii: "n"): out.append(0x0A)
        case UInt8(ascii: "r"): out.append(0x0D)
        case UInt8(ascii: "t"): out.append(0x09)
        case UInt8(ascii: "u"): out.append(contentsOf: String(try unicodeEscape(start: start)).utf8)
        default: throw fail("invalid escape '\\\(Unicode.Scalar(byte).escaped(asASCII: true))'", at: start)
        }
    }

    /// `\uXXXX` (the `\u` already read), joining a UTF-16 surrogate pair into one scalar.
    private mutating func unicodeEscape(start: Int) throws(JSONParseError) -> Character {
        let first = try hexQuad()
        var scalar = first
        if (0xD800..<0xDC00).contains(first) {
            let backslash = UInt8(ascii: "\\")
            if index == bytes.count || (index + 1 == bytes.count && bytes[index] == backslash) {
                throw failEnd("in a surrogate pair")
            }
            guard bytes[index] == backslash, bytes[index + 1] == UInt8(ascii: "u") else {
                throw fail("high surrogate \\u\(hex4(first)) not followed by a low surrogate", at: start)
            }
            index += 2
            let second = try hexQuad()
            guard (0xDC00..<0xE000).contains(second) else {
                throw fail("high surrogate \\u\(hex4(first)) not followed by a low surrogate", at: start)
            }
            scalar = 0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00)
        } else if (0xDC00..<0xE000).contains(first) {
            throw fail("lone low surrogate \\u\(hex4(first))", at: start)
        }
        guard let unicode = Unicode.Scalar(scalar) else { throw fail("invalid code point", at: start) }
        return Character(unicode)
    }

    private mutating func hexQuad() throws(JSONParseError) -> UInt32 {
        var value: UInt32 = 0
        for _ in 0..<4 {
            guard index < bytes.count else { throw failEnd("in a \\u escape") }
            let byte = bytes[index]
            let digit: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
            default: throw fail("expected a hex digit in a \\u escape")
            }
            value = value << 4 | UInt32(digit)
            index += 1
        }
        return value
    }

    private func hex4(_ value: UInt32) -> String {
        let digits = String(value, radix: 16, uppercase: true)
        return String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    }

    /// `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`
    private mutating func number() throws(JSONParseError) -> JSONValue {
        let start = index
        var integral = true
        if bytes[index] == UInt8(ascii: "-") { index += 1 }
        guard index < bytes.count else { throw failEnd("in a number") }
        if bytes[index] == UInt8(ascii: "0") {
            index += 1
            if index < bytes.count, isDigit(bytes[index]) { throw fail("leading zero in a number", at: start) }
        } else {
            try digits()
        }
        if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
            integral = false
            index += 1
            try digits()
        }
        if index < bytes.count, bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E") {
            integral = false
            index += 1
            if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") { index += 1 }
            try digits()
        }
        let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)
        if integral, let int = Int64(text) { return .int(int) }
        guard let double = Double(text), double.isFinite else { throw fail("number out of range", at: start) }
        return .double(double)
    }

    /// One or more decimal digits.
    private mutating func digits() throws(JSONParseError) {
        guard index < bytes.count else { throw failEnd("in a number") }
        guard isDigit(bytes[index]) else { throw fail("expected a digit") }
        while index < bytes.count, isDigit(bytes[index]) { index += 1 }
    }

    private func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }
}
