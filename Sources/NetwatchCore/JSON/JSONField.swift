/// A JSON value together with its path in the document, so a decoding error can say where it is
/// (`ports.destinations[3].used: expected an integer`). A missing member reads as `null`.
struct JSONField {
    let value: JSONValue
    let path: String

    init(_ value: JSONValue, path: String) {
        self.value = value
        self.path = path
    }

    func member(_ key: String) -> JSONField {
        JSONField(value[key] ?? .null, path: path.isEmpty ? key : "\(path).\(key)")
    }

    func error(_ reason: String) -> SnapshotDecodeError { .invalidField(path: path, reason: reason) }

    var isNull: Bool { value == .null }

    // MARK: optional values (null or missing → nil)

    func optionalInt() throws(SnapshotDecodeError) -> Int64? {
        switch value {
        case .null: nil
        case let .int(i): i
        default: throw error("expected an integer")
        }
    }

    func optionalDouble() throws(SnapshotDecodeError) -> Double? {
        switch value {
        case .null: nil
        case let .int(i): Double(i)
        case let .double(d): d
        default: throw error("expected a number")
        }
    }

    func optionalString() throws(SnapshotDecodeError) -> String? {
        switch value {
        case .null: nil
        case let .string(s): s
        default: throw error("expected a string")
        }
    }

    /// The items of an array, each with its path; `null` or missing → `nil`.
    func optionalItems() throws(SnapshotDecodeError) -> [JSONField]? {
        switch value {
        case .null: return nil
        case let .array(items): return items.enumerated().map { JSONField($1, path: "\(path)[\($0)]") }
        default: throw error("expected an array")
        }
    }

    // MARK: required values

    func int() throws(SnapshotDecodeError) -> Int64 {
        guard let i = try optionalInt() else { throw error("expected an integer") }
        return i
    }

    /// An integer that must fit `T` (a port, a queue length, a pid).
    func int<T: FixedWidthInteger>(_: T.Type) throws(SnapshotDecodeError) -> T {
        guard let i = T(exactly: try int()) else { throw error("expected an integer in \(T.min)…\(T.max)") }
        return i
    }

    func optionalInt<T: FixedWidthInteger>(_: T.Type) throws(SnapshotDecodeError) -> T? {
        guard let i = try optionalInt() else { return nil }
        guard let fitted = T(exactly: i) else { throw error("expected an integer in \(T.min)…\(T.max)") }
        return fitted
    }

    /// A number within `range`, which the model's measure cannot leave; `null` (how the encoder
    /// writes NaN and the infinities) is an error like any value outside.
    func double(in range: ClosedRange<Double>) throws(SnapshotDecodeError) -> Double {
        guard let value = try optionalDouble(in: range) else { throw error("expected a number") }
        return value
    }

    func optionalDouble(in range: ClosedRange<Double>) throws(SnapshotDecodeError) -> Double? {
        guard let value = try optionalDouble() else { return nil }
        guard range.contains(value) else { throw error("expected a number in \(range.lowerBound)…\(range.upperBound)") }
        return value
    }

    /// A count: an integer from 0 to `T.max`.
    func count<T: FixedWidthInteger>(_: T.Type) throws(SnapshotDecodeError) -> T {
        guard let count = try optionalCount(T.self) else { throw error("expected an integer") }
        return count
    }

    func optionalCount<T: FixedWidthInteger>(_: T.Type) throws(SnapshotDecodeError) -> T? {
        guard let i = try optionalInt() else { return nil }
        guard i >= 0, let fitted = T(exactly: i) else { throw error("expected a count in 0…\(T.max)") }
        return fitted
    }

    func string() throws(SnapshotDecodeError) -> String {
        guard let s = try optionalString() else { throw error("expected a string") }
        return s
    }

    func bool() throws(SnapshotDecodeError) -> Bool {
        guard case let .bool(b) = value else { throw error("expected true or false") }
        return b
    }

    func items() throws(SnapshotDecodeError) -> [JSONField] {
        guard let items = try optionalItems() else { throw error("expected an array") }
        return items
    }

    /// An array member the encoder writes even when empty; missing → empty.
    func list<T>(_ decode: (JSONField) throws(SnapshotDecodeError) -> T) throws(SnapshotDecodeError) -> [T] {
        var out: [T] = []
        for item in try optionalItems() ?? [] { out.append(try decode(item)) }
        return out
    }

    func address() throws(SnapshotDecodeError) -> IPAddress {
        guard let address = IPAddress(try string()) else { throw error("expected an IP address") }
        return address
    }

    /// The object itself, or an error when it is another kind (`null` and missing are allowed).
    func object() throws(SnapshotDecodeError) -> JSONField {
        switch value {
        case .null, .object: self
        default: throw error("expected an object")
        }
    }
}
