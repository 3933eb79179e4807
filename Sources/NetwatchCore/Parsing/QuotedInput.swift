/// How input is echoed in errors and warnings: a bounded prefix, so a 10 MB malformed line costs
/// a line of text in `collector.warnings`, not 10 MB in every snapshot that carries the warning.
public enum QuotedInput {
    /// Characters quoted at most.
    public static let limit = 120

    /// The first ``limit`` characters of `text`.
    public static func prefix(_ text: some StringProtocol) -> String {
        String(text.prefix(limit))
    }

    /// The first ``limit`` bytes of `bytes` as UTF-8 text (a sequence cut at the end is repaired).
    public static func prefix(bytes: some Collection<UInt8>) -> String {
        prefix(String(decoding: bytes.prefix(limit), as: UTF8.self))
    }
}
