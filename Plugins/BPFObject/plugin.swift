import Foundation
import PackagePlugin

/// Compiles `bpf/connectors.bpf.c` with the toolchain's clang (`-target bpf`) and writes the
/// object into the target as `BPFObject.swift` (a base64 constant), so the program is part of
/// the binary wherever it is built, run or installed. Runs again when a file of `bpf/` changes.
@main
struct BPFObjectPlugin: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        let package = context.package.directoryURL
        let script = package.appending(path: "Plugins/BPFObject/bpf-object.sh")
        let bpf = package.appending(path: "bpf")
        let output = context.pluginWorkDirectoryURL.appending(path: "BPFObject.swift")
        let sources = (try? FileManager.default.contentsOfDirectory(at: bpf, includingPropertiesForKeys: nil)) ?? []
        let clang = try context.tool(named: "clang").url
        return [
            .buildCommand(
                displayName: "Compiling the BPF program for \(target.name)",
                executable: URL(fileURLWithPath: "/bin/sh"),
                arguments: [script.path, clang.path, bpf.path, output.path],
                inputFiles: [script] + sources.sorted { $0.path < $1.path },
                outputFiles: [output]
            ),
        ]
    }
}
