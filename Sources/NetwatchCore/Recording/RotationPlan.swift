/// How `netwatch record --max-size` rotates its output: before a line that would take FILE past
/// the limit, FILE.(keep-1) → FILE.keep, …, FILE.1 → FILE.2, FILE → FILE.1, then a new FILE.
/// The oldest file beyond `keep` is replaced, so at most `keep` + 1 files exist.
public struct RotationPlan: Equatable, Sendable {
    /// One rename, done in the order the plan lists them.
    public struct Rename: Equatable, Sendable {
        public let from: String
        public let to: String

        public init(from: String, to: String) {
            self.from = from
            self.to = to
        }
    }

    /// Rotated files kept by default (FILE.1 … FILE.9).
    public static let defaultKeep = 9

    public let path: String
    /// Largest size of FILE in bytes; a single line longer than this is still written whole.
    public let maxSize: Int
    public let keep: Int

    public init(path: String, maxSize: Int, keep: Int = RotationPlan.defaultKeep) {
        self.path = path
        self.maxSize = maxSize
        self.keep = keep
    }

    /// Whether a line of `lineSize` bytes must go to a fresh file: it would take a non-empty
    /// FILE of `fileSize` bytes past ``maxSize``. An empty FILE always takes the line.
    public func needsRotation(fileSize: Int, lineSize: Int) -> Bool {
        fileSize > 0 && fileSize + lineSize > maxSize
    }

    /// The renames, oldest first, so none overwrites a file still to be moved.
    public var renames: [Rename] {
        guard keep > 0 else { return [] }
        return stride(from: keep - 1, through: 0, by: -1).map { index in
            Rename(from: index == 0 ? path : "\(path).\(index)", to: "\(path).\(index + 1)")
        }
    }
}
