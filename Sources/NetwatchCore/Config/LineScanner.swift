/// Reads one line of a ``TOMLSubset`` file, scalar by scalar, and reports problems with the
/// file name, the line number and the key being read.
struct LineScanner {
    private let scalars: [Unicode.Scalar]
    private var index = 0
    private let source: String
    private let line: Int

    init(_ text: String, source: String, line: Int) {
        scalars = Array(text.unicodeScalars)
        self.source = source
        self.line = line
    }

    var peek: Unicode.Scalar? { index < scalars.count ? scalars[index] : nil }

    func error(_ reason: String, key: String? = nil) -> ConfigFileError {
        ConfigFileError(source: source, line: line, key: key, reason: reason)
    }

    /// Skips blanks; true when only a comment or nothing is left.
    mutating func atEndOrComment() -> Bool {
        while peek == " " || peek == "\t" { index += 1 }
        return peek == nil || peek == "#"
    }

    /// `[name]` and nothing after it but a comment.
    mutating func tableHeader() throws(ConfigFileError) -> String {
        index += 1
        _ = atEndOrComment()
        guard let name = bareKey() else { throw error("expected a table name inside [ ]") }
        _ = atEndOrComment()
        guard peek == "]" else { throw error("expected ']' after the table name") }
        index += 1
        guard atEndOrComment() else { throw error("unexpected text after the table header") }
        return name
    }

    /// `key = value` and nothing after it but a comment.
    mutating func pair() throws(ConfigFileError) -> (String, TOMLSubset.Value) {
        guard let key = bareKey() else { throw error("expected 'key = value', a [table] or a comment") }
        _ = atEndOrComment()
        guard peek == "=" else { throw error("expected '=' after the key", key: key) }
        index += 1
        _ = atEndOrComment()
        let value = try self.value(key: key, allowTable: true)
        guard atEndOrComment() else { throw error("unexpected text after the value", key: key) }
        return (key, value)
    }

    private mutating func bareKey() -> String? {
        var key = String.UnicodeScalarView()
        while let c = peek, ("a"..."z").contains(c) || ("A"..."Z").contains(c) || ("0"..."9").contains(c)
                || c == "_" || c == "-" {
            key.append(c)
            index += 1
        }
        return key.isEmpty ? nil : String(key)
    }

    private mutating func value(key: String, allowTable: Bool) throws(ConfigFileError) -> TOMLSubset.Value {
        switch peek {
        case "\"": return .string(try string(key: key))
        case "{" where allowTable: return try inlineTable(key: key)
        case "{": throw error("inline tables cannot be nested", key: key)
        case let c? where ("0"..."9").contains(c) || c == "+" || c == "-":
            let word = numberWord()
            guard let number = LineScanner.number(word) else { throw error("'\(word)' is not a decimal number", key: key) }
            return .number(number)
        default:
            guard let word = bareKey() else { break }
            if word == "true" { return .bool(true) }
            if word == "false" { return .bool(false) }
        }
        throw error("expected a value: a \"string\", true, false, a number or { … }", key: key)
    }

    /// The characters a number may hold, to check as one word.
    private mutating func numberWord() -> String {
        var word = String.UnicodeScalarView()
        while let c = peek, ("0"..."9").contains(c) || "+-._eE".unicodeScalars.contains(c) {
            word.append(c)
            index += 1
        }
        return String(word)
    }

    /// A decimal number word: digits with an optional sign, fraction and exponent; `_` only
    /// between digits. `nil` for anything else (`inf`, `0x10`, `1.`, `.5`).
    static func number(_ word: String) -> Double? {
        let pattern = /[+-]?[0-9](_?[0-9])*(\.[0-9](_?[0-9])*)?([eE][+-]?[0-9]+)?/
        guard word.wholeMatch(of: pattern) != nil else { return nil }
        return Double(word.replacing("_", with: ""))
    }

    private mutating func string(key: String) throws(ConfigFileError) -> String {
        index += 1
        var text = String.UnicodeScalarView()
        while let c = peek {
            index += 1
            if c == "\"" { return String(text) }
            guard c == "\\" else { text.append(c); continue }
            guard let escaped = peek else { break }
            index += 1
            switch escaped {
            case "\"", "\\": text.append(escaped)
            case "t": text.append("\t")
            case "n": text.append("\n")
            default: throw error("unsupported escape '\\\(escaped)' in a string", key: key)
            }
        }
        throw error("unterminated string", key: key)
    }

    private mutating func inlineTable(key: String) throws(ConfigFileError) -> TOMLSubset.Value {
        index += 1
        var members = [(key: String, value: TOMLSubset.Value)]()
        _ = atEndOrComment()
        if peek == "}" { index += 1; return .inlineTable(members) }
        while true {
            _ = atEndOrComment()
            guard let member = bareKey() else { throw error("expected a key inside { }", key: key) }
            _ = atEndOrComment()
            guard peek == "=" else { throw error("expected '=' after '\(member)'", key: key) }
            index += 1
            _ = atEndOrComment()
            let value = try value(key: key, allowTable: false)
            guard !members.contains(where: { $0.key == member }) else { throw error("'\(member)' is given twice", key: key) }
            members.append((member, value))
            _ = atEndOrComment()
            switch peek {
            case ",": index += 1
            case "}": index += 1; return .inlineTable(members)
            default: throw error("expected ',' or '}' in the inline table", key: key)
            }
        }
    }
}
