import Foundation
import XCTest

/// A private network namespace for one test, with loopback up; deleted by ``delete()``.
/// Creating one needs root: off root, ``skipUnlessRoot()`` skips the test with the reason.
public final class NetworkNamespace {
    public let name: String
    private var background: [Process] = []

    public static func skipUnlessRoot() throws {
        if geteuid() != 0 {
            throw XCTSkip("needs root to create a network namespace (ip netns add); run the tests as root, as CI does")
        }
        guard FileManager.default.isExecutableFile(atPath: ProcessRunner.resolve("ip")),
              FileManager.default.isExecutableFile(atPath: ProcessRunner.resolve("ss")) else {
            throw XCTSkip("needs iproute2 (ip, ss): run scripts/setup")
        }
    }

    public init(_ label: String) throws {
        name = "nwtest-\(label)-\(getpid())"
        try? ProcessRunner.run(["ip", "netns", "del", name])
        let add = try ProcessRunner.run(["ip", "netns", "add", name])
        guard add.status == 0 else { throw NamespaceError(message: "ip netns add \(name): \(add.stderr)") }
        let up = try ProcessRunner.run(["ip", "netns", "exec", name, "ip", "link", "set", "lo", "up"])
        guard up.status == 0 else { throw NamespaceError(message: "lo up in \(name): \(up.stderr)") }
    }

    /// Runs a command inside the namespace to completion.
    @discardableResult
    public func run(_ arguments: [String], environment: [String: String]? = nil) throws -> ProcessResult {
        try ProcessRunner.run(["ip", "netns", "exec", name] + arguments, environment: environment)
    }

    /// Writes a sysctl inside the namespace (`net.ipv4.tcp_tw_reuse`, `0`).
    public func sysctl(_ key: String, _ value: String) throws {
        let path = "/proc/sys/" + key.replacingOccurrences(of: ".", with: "/")
        let result = try run(["sh", "-c", "echo '\(value)' > \(path)"])
        guard result.status == 0 else { throw NamespaceError(message: "sysctl \(key)=\(value): \(result.stderr)") }
    }

    /// Starts a long-running command in the namespace; its stdout goes to a file, and the call
    /// returns once a line starting with `readyPrefix` appears (or throws after `timeout` s).
    public func start(_ arguments: [String], readyPrefix: String, timeout: Double = 60) throws -> (Process, String) {
        let output = NSTemporaryDirectory() + "\(name)-\(background.count).out"
        FileManager.default.createFile(atPath: output, contents: nil)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: ProcessRunner.resolve("ip"))
        process.arguments = ["netns", "exec", name] + arguments
        process.standardOutput = try FileHandle(forWritingTo: URL(fileURLWithPath: output))
        process.standardError = FileHandle.standardError
        try process.run()
        background.append(process)
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            let text = (try? String(contentsOfFile: output, encoding: .utf8)) ?? ""
            if let line = text.split(separator: "\n").first(where: { $0.hasPrefix(readyPrefix) }) {
                return (process, String(line))
            }
            guard process.isRunning else { break }
            usleep(50_000)   // waiting on a real process: there is no clock to inject here
        }
        let text = (try? String(contentsOfFile: output, encoding: .utf8)) ?? ""
        throw NamespaceError(message: "\(arguments.joined(separator: " ")) did not print \(readyPrefix) (exit \(process.isRunning ? "running" : "\(process.terminationStatus)")): \(text)")
    }

    /// Stops background commands and deletes the namespace.
    public func delete() {
        for process in background where process.isRunning {
            process.terminate()
            process.waitUntilExit()
        }
        background.removeAll()
        _ = try? ProcessRunner.run(["ip", "netns", "del", name])
    }

    deinit { delete() }
}

public struct NamespaceError: Error, CustomStringConvertible {
    public let message: String
    public var description: String { message }
}
