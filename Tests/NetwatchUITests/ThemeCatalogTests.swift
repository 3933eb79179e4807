import NetwatchUI
import XCTest

/// Theme files held in memory.
private struct MemoryThemeFiles: ThemeFileSystem {
    struct Denied: Error, CustomStringConvertible {
        var description: String { "permission denied" }
    }

    var files: [String: String]
    var unreadable: Set<String> = []

    func contents(of path: String) throws -> String? {
        if unreadable.contains(path) { throw Denied() }
        return files[path]
    }

    func fileNames(in directory: String) -> [String] {
        files.keys.filter { $0.hasPrefix(directory + "/") }.map { String($0.dropFirst(directory.count + 1)) }
    }
}

final class ThemeCatalogTests: XCTestCase {
    private let files = MemoryThemeFiles(files: [
        "/usr/share/netwatch/themes/dracula.toml": "[roles]\ntitle = \"#bd93f9\"",
        "/usr/share/netwatch/themes/light.toml": "[roles]\ntitle = \"#005f87\"",
        "/usr/share/netwatch/themes/README": "not a theme",
        "/home/me/.config/netwatch/themes/light.toml": "[roles]\ntitle = \"#000000\"",
        "/home/me/.config/netwatch/themes/broken.toml": "[roles]\ntitel = \"#000000\"",
        "/tmp/mine.toml": "name = \"mine\"\n[roles]\nborder = \"red\"",
    ])
    private let directories = ["/usr/share/netwatch/themes", "/home/me/.config/netwatch/themes"]

    private var catalog: ThemeCatalog { ThemeCatalog(directories: directories, files: files) }

    private func loadError(_ catalog: ThemeCatalog, _ name: String) -> String? {
        do {
            _ = try catalog.load(name)
            return nil
        } catch {
            return error.description
        }
    }

    func testNamesAreDefaultFirstThenEveryTomlFileOnce() {
        XCTAssertEqual(catalog.names(), ["default", "broken", "dracula", "light"])
    }

    func testLaterDirectoriesOverrideEarlierOnes() throws {
        XCTAssertEqual(try catalog.load("light")[.title].foreground, .rgb(RGB(0, 0, 0)))
        XCTAssertEqual(try catalog.load("dracula")[.title].foreground, .rgb(RGB(0xbd, 0x93, 0xf9)))
    }

    func testDefaultIsCompiledInWhenNoFileHasIt() throws {
        XCTAssertEqual(try ThemeCatalog(directories: [], files: files).load("default"), Theme.default)
    }

    func testLoadByPath() throws {
        let theme = try catalog.load("/tmp/mine.toml")
        XCTAssertEqual(theme.name, "mine")
        XCTAssertEqual(theme[.border].foreground, .ansi(.red))
        XCTAssertEqual(loadError(catalog, "./missing.toml"), "./missing.toml: no such file")
    }

    func testErrorsNameTheFileLineAndKeyOrWhereThemesWereLookedFor() {
        XCTAssertEqual(loadError(catalog, "broken"), "/home/me/.config/netwatch/themes/broken.toml:2: key 'titel': unknown colour role")
        XCTAssertEqual(loadError(catalog, "solarized"), "solarized: no such theme in /usr/share/netwatch/themes, "
                       + "/home/me/.config/netwatch/themes (available: default, broken, dracula, light)")
        var denied = files
        denied.unreadable = ["/home/me/.config/netwatch/themes/light.toml"]
        XCTAssertEqual(loadError(ThemeCatalog(directories: directories, files: denied), "light"),
                       "/home/me/.config/netwatch/themes/light.toml: cannot read the file: permission denied")
    }

    func testCycleMovesToTheNextNameWrapsAroundAndReportsBrokenThemes() {
        let first = catalog.cycle(from: 0)
        XCTAssertEqual(first.index, 1)
        guard case .failure(let error) = first.result else { return XCTFail("broken theme loaded") }
        XCTAssertEqual(error.description, "/home/me/.config/netwatch/themes/broken.toml:2: key 'titel': unknown colour role")
        let second = catalog.cycle(from: 1)
        XCTAssertEqual(second.index, 2)
        XCTAssertEqual(try second.result.get().name, "dracula")
        let wrapped = catalog.cycle(from: 3)
        XCTAssertEqual(wrapped.index, 0)
        XCTAssertEqual(try wrapped.result.get(), Theme.default)
    }
}
