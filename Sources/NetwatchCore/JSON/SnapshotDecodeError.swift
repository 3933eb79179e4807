/// Why a recorded document could not be read back as a ``Snapshot``.
public enum SnapshotDecodeError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The line is not JSON (a torn last line, or garbage).
    case invalidJSON(JSONParseError)
    /// The document declares a later `netwatch.snapshot/N` than this netwatch reads.
    case newerSchema(found: String, supported: String)
    /// A field is missing or has the wrong type or value; `path` is its JSON path
    /// (`ports.destinations[3].used`).
    case invalidField(path: String, reason: String)

    public var description: String {
        switch self {
        case let .invalidJSON(error): "\(error)"
        case let .newerSchema(found, supported):
            "the recording comes from a newer netwatch (schema \(found)); this netwatch reads \(supported) — "
                + "replay it with a newer netwatch"
        case let .invalidField(path, reason): "\(path): \(reason)"
        }
    }
}
