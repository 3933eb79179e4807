import Foundation
import PackagePlugin

/// Writes `GitRevision.swift` (the `gitRevision` constant: `1a2b3c4`, `1a2b3c4+dirty` or
/// `unknown`) into the target by running `git-revision.sh` on the package directory.
///
/// A build command, not a prebuild command: SwiftPM runs prebuild commands only when it plans the
/// build again, not on every incremental build. This command runs again whenever one of its
/// inputs changes: the checkout's `HEAD`, its reflog (every commit, checkout or reset), its index
/// (staging), or any source file of the package (an edit makes the tree dirty).
@main
struct GitRevisionPlugin: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        let package = context.package.directoryURL
        let script = package.appending(path: "Plugins/GitRevision/git-revision.sh")
        let output = context.pluginWorkDirectoryURL.appending(path: "GitRevision.swift")
        let sources = context.package.targets.compactMap { $0.sourceModule }.flatMap { $0.sourceFiles.map(\.url) }
        let inputs = [script, package.appending(path: "Package.swift")] + gitStateFiles(package) + sources
        return [
            .buildCommand(
                displayName: "Recording the git revision of \(target.name)",
                executable: URL(fileURLWithPath: "/bin/sh"),
                arguments: [script.path, package.path, output.path],
                inputFiles: inputs,
                outputFiles: [output]
            ),
        ]
    }

    /// `HEAD`, `logs/HEAD` and `index` of the checkout's git directory (`.git`, or the folder a
    /// worktree's `.git` file points to), those that exist; none outside git.
    private func gitStateFiles(_ package: URL) -> [URL] {
        let dotGit = package.appending(path: ".git")
        var gitDirectory = dotGit
        if let text = try? String(contentsOf: dotGit, encoding: .utf8), text.hasPrefix("gitdir: ") {
            let path = text.dropFirst("gitdir: ".count).trimmingCharacters(in: .whitespacesAndNewlines)
            gitDirectory = path.hasPrefix("/") ? URL(fileURLWithPath: path) : package.appending(path: path)
        }
        return ["HEAD", "logs/HEAD", "index"].map { gitDirectory.appending(path: $0) }
            .filter { FileManager.default.fileExists(atPath: $0.path) }
    }
}
