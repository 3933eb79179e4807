import NetwatchCore

/// Finds themes by name in a list of directories, or by path, for `--theme NAME|PATH` and the `t`
/// key.
///
/// A name `N` means the file `N.toml` in one of `directories`; when several hold it, the later
/// directory wins (so `~/.config/netwatch/themes`, listed after the shipped `themes`, overrides
/// it). `default` needs no file: the compiled-in ``Theme/default`` is used when none is found.
public struct ThemeCatalog: Sendable {
    public let directories: [String]
    private let files: any ThemeFileSystem

    /// - Parameters:
    ///   - directories: where to look, lowest precedence first, e.g.
    ///     `["/usr/share/netwatch/themes", "/home/me/.config/netwatch/themes"]`.
    ///   - files: the file system to read.
    public init(directories: [String], files: any ThemeFileSystem = DiskThemeFiles()) {
        self.directories = directories
        self.files = files
    }

    /// Every theme name available: `default` first, then the `*.toml` files of all directories,
    /// sorted and without duplicates.
    public func names() -> [String] {
        let found = Set(directories.flatMap { directory in
            files.fileNames(in: directory).filter { $0.hasSuffix(".toml") && $0.count > 5 }.map(Theme.fileStem)
        })
        return ["default"] + found.subtracting(["default"]).sorted()
    }

    /// Loads a theme by name, or by path when `nameOrPath` contains `/` or ends in `.toml`.
    public func load(_ nameOrPath: String) throws(ConfigFileError) -> Theme {
        if nameOrPath.contains("/") || nameOrPath.hasSuffix(".toml") {
            guard let theme = try read(nameOrPath) else { throw ConfigFileError(source: nameOrPath, reason: "no such file") }
            return theme
        }
        for directory in directories.reversed() {
            if let theme = try read(directory + "/" + nameOrPath + ".toml") { return theme }
        }
        if nameOrPath == "default" { return .default }
        throw ConfigFileError(source: nameOrPath, reason: "no such theme in \(directories.joined(separator: ", ")) "
                         + "(available: \(names().joined(separator: ", ")))")
    }

    /// The theme after position `index` of ``names()``, wrapping around: what `t` switches to.
    /// - Returns: the new position and the loaded theme, or the error to show while the current
    ///   theme stays.
    public func cycle(from index: Int) -> (index: Int, result: Result<Theme, ConfigFileError>) {
        let all = names()
        let next = ((index + 1) % all.count + all.count) % all.count
        do throws(ConfigFileError) {
            return (next, .success(try load(all[next])))
        } catch {
            return (next, .failure(error))
        }
    }

    private func read(_ path: String) throws(ConfigFileError) -> Theme? {
        let text: String?
        do {
            text = try files.contents(of: path)
        } catch {
            throw ConfigFileError(source: path, reason: "cannot read the file: \(error)")
        }
        guard let text else { return nil }
        return try Theme.parse(text, source: path)
    }
}
