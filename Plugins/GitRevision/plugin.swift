import Foundation
import PackagePlugin

/// Writes `GitRevision.swift` (the `gitRevision` constant: `1a2b3c4`, `1a2b3c4+dirty` or
/// `unknown`) into the target before every build, by running `git-revision.sh` on the package
/// directory. The script rewrites the file only when the revision changed, so an unchanged tree
/// recompiles nothing and a new commit or edit shows up in the next incremental build.
@main
struct GitRevisionPlugin: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        let output = context.pluginWorkDirectoryURL.appending(path: "generated")
        let script = context.package.directoryURL.appending(path: "Plugins/GitRevision/git-revision.sh")
        return [
            .prebuildCommand(
                displayName: "Recording the git revision of \(target.name)",
                executable: URL(fileURLWithPath: "/bin/sh"),
                arguments: [script.path, context.package.directoryURL.path, output.appending(path: "GitRevision.swift").path],
                outputFilesDirectory: output
            ),
        ]
    }
}
