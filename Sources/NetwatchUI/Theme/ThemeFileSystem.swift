/// The file reads a ``ThemeCatalog`` needs, behind a protocol so tests can supply files in memory.
public protocol ThemeFileSystem: Sendable {
    /// The text of the file at `path`; `nil` when there is no such file.
    func contents(of path: String) throws -> String?
    /// The names of the entries of `directory`; empty when it does not exist.
    func fileNames(in directory: String) -> [String]
}
