import Foundation

/// Where the committed fixtures and the built binaries are, found from this file's path so
/// tests work from any working directory.
public enum FixturePaths {
    /// The package root (the directory holding Package.swift).
    public static var packageRoot: String {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url.path
    }

    public static func fixture(_ name: String) -> String { packageRoot + "/Tests/Fixtures/" + name }

    /// A product built into the same folder as the running test bundle (`.build/debug/NAME`).
    public static func binary(_ name: String) -> String {
        let bundle = URL(fileURLWithPath: CommandLine.arguments.first ?? "").deletingLastPathComponent()
        let candidate = bundle.appendingPathComponent(name).path
        if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        for dir in Bundle.allBundles.map({ $0.bundleURL.deletingLastPathComponent().path }) {
            let path = dir + "/" + name
            if FileManager.default.isExecutableFile(atPath: path) { return path }
        }
        return packageRoot + "/.build/debug/" + name
    }
}
