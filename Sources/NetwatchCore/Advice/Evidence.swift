/// One fact a ``Finding`` rests on: a name (snake_case, as in the JSON) and the value read from the
/// snapshot — a destination, a count, a ratio, a sysctl value.
public struct Evidence: Equatable, Sendable {
    public enum Value: Equatable, Sendable {
        case text(String)
        case integer(Int64)
        /// A measured quantity: a ratio (0…1), a rate per second, seconds.
        case number(Double)
    }

    public var name: String
    public var value: Value

    public init(_ name: String, _ value: Value) {
        self.name = name
        self.value = value
    }

    public init(_ name: String, _ text: String) { self.init(name, .text(text)) }

    public init<I: BinaryInteger>(_ name: String, _ count: I) { self.init(name, .integer(Int64(count))) }

    /// A measure; a non-finite one (nothing to divide by) is written `n/a`.
    public init(_ name: String, _ number: Double) { self.init(name, number.isFinite ? .number(number) : .text("n/a")) }
}
