/// A file size given on the command line: a positive number of bytes with an optional binary
/// unit `k` (1024), `M` (1024²) or `G` (1024³), case-insensitive (`500000`, `500k`, `10M`, `1.5G`).
public struct ByteSize: Equatable, Sendable {
    public let bytes: Int

    public init(bytes: Int) { self.bytes = bytes }

    public static func parse(_ text: String) throws(RecordLimitError) -> ByteSize {
        let error = RecordLimitError(text: text, expected: "bytes as 500000, 500k, 10M or 1G", kind: "size")
        let units: [Character: Double] = ["k": 1024, "m": 1024 * 1024, "g": 1024 * 1024 * 1024]
        var number = Substring(text)
        var scale = 1.0
        if let last = number.last, let unit = units[Character(last.lowercased())] {
            scale = unit
            number = number.dropLast()
        }
        guard let value = RecordLimitNumber.parse(number) else { throw error }
        let bytes = (value * scale).rounded(.down)
        guard bytes >= 1, bytes < Double(Int.max) else { throw error }
        return ByteSize(bytes: Int(bytes))
    }
}
