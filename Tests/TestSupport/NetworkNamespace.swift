import Foundation
import XCTest

/// A private network namespace for one test, with loopback up; deleted by ``delete()``.
/// Creating one needs root: off root, ``skipUnlessRoot()`` skips the test with the reason.
public final class NetworkNamespace {
    public let name: String
    /// How every test namespace's name starts (then the label and the test process's pid).
    public static let namePrefix = "nwtest-"
    private var background: [Process] = []
    /// Each started process's stdout and stderr files.
    private var outputs: [ObjectIdentifier: (output: String, errors: String)] = [:]
    /// The files ``start(_:readyPrefix:timeout:)`` sends output to; ``delete()`` removes them.
    private var outputFiles: [String] = []

    /// Under CI (`CI=true`) an unmet need fails the test instead (``EnvironmentRequirement``).
    public static func skipUnlessRoot() throws {
        try EnvironmentRequirement.require(
            geteuid() == 0, "needs root to create a network namespace (ip netns add); run the tests as root, as CI does")
        try EnvironmentRequirement.require(
            FileManager.default.isExecutableFile(atPath: ProcessRunner.resolve("ip"))
                && FileManager.default.isExecutableFile(atPath: ProcessRunner.resolve("ss")),
            "needs iproute2 (ip, ss): run scripts/setup")
    }

    public init(_ label: String) throws {
        name = "\(Self.namePrefix)\(label)-\(getpid())"
        _ = try? ProcessRunner.run(["ip", "netns", "del", name])
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

    /// Runs `ss -tanH` (plus an optional `filter`) in the namespace and reads it back;
    /// throws with ss's stderr if it fails.
    public func ss(_ filter: [String] = []) throws -> SSOracle {
        let result = try run(["ss", "-tanH"] + filter)
        guard result.status == 0 else { throw NamespaceError(message: "ss -tanH \(filter.joined(separator: " ")): \(result.stderr)") }
        return SSOracle(result.stdout)
    }

    /// Starts a long-running command in the namespace; its stdout and stderr go to files, and the
    /// call returns once a line starting with `readyPrefix` appears (or throws after `timeout` s, or
    /// as soon as the command exits, with what it printed on both). `ip netns exec` execs the
    /// command, so the returned process's pid is the command's own.
    public func start(_ arguments: [String], readyPrefix: String, timeout: Double = 60) throws -> (Process, String) {
        let output = NSTemporaryDirectory() + "\(name)-\(background.count).out"
        let errors = NSTemporaryDirectory() + "\(name)-\(background.count).err"
        _ = FileManager.default.createFile(atPath: output, contents: nil)
        _ = FileManager.default.createFile(atPath: errors, contents: nil)
        outputFiles += [output, errors]
        let process = Process()
        process.executableURL = URL(fileURLWithPath: ProcessRunner.resolve("ip"))
        process.arguments = ["netns", "exec", name] + arguments
        process.standardOutput = try FileHandle(forWritingTo: URL(fileURLWithPath: output))
        process.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: errors))
        try process.run()
        background.append(process)
        outputs[ObjectIdentifier(process)] = (output, errors)
        return (process, try line(startingWith: readyPrefix, from: process, timeout: timeout, command: arguments))
    }

    /// The first line starting with `prefix` a process from ``start(_:readyPrefix:timeout:)``
    /// printed, waiting up to `timeout` s for it; throws then, or as soon as the process ended
    /// without it, with what it printed on both outputs.
    public func line(startingWith prefix: String, from process: Process, timeout: Double = 60, command: [String]? = nil) throws -> String {
        let (output, errors) = outputs[ObjectIdentifier(process)] ?? ("", "")
        func found() -> String? {
            let text = (try? String(contentsOfFile: output, encoding: .utf8)) ?? ""
            return text.split(separator: "\n").first { $0.hasPrefix(prefix) }.map(String.init)
        }
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            if let line = found() { return line }
            guard process.isRunning else { break }
            usleep(50_000)   // waiting on a real process: there is no clock to inject here
        }
        if let line = found() { return line }   // printed just before it ended
        let text = (try? String(contentsOfFile: output, encoding: .utf8)) ?? ""
        let stderr = (try? String(contentsOfFile: errors, encoding: .utf8)) ?? ""
        let name = command?.joined(separator: " ") ?? "pid \(process.processIdentifier)"
        throw NamespaceError(message: "\(name) did not print \(prefix) (exit \(process.isRunning ? "running" : "\(process.terminationStatus)")): \(text)\(stderr.isEmpty ? "" : "; stderr: " + stderr)")
    }

    /// Sends SIGTERM to a process from ``start(_:readyPrefix:timeout:)`` and waits for it to end.
    /// Returns `terminationStatus`: the exit status, or the signal number when
    /// `process.terminationReason` is `.uncaughtSignal`. Throws if it still runs after `timeout` s.
    @discardableResult
    public func terminate(_ process: Process, timeout: Double = 10) throws -> Int32 {
        if process.isRunning { process.terminate() }
        let deadline = Date().addingTimeInterval(timeout)
        while process.isRunning && Date() < deadline {
            usleep(10_000)   // waiting on a real process: there is no clock to inject here
        }
        guard !process.isRunning else {
            throw NamespaceError(message: "pid \(process.processIdentifier) still running \(timeout) s after SIGTERM")
        }
        process.waitUntilExit()
        background.removeAll { $0 === process }
        return process.terminationStatus
    }

    /// Stops background commands (SIGTERM, then SIGKILL after 5 s) and deletes the namespace.
    public func delete() {
        for process in background where process.isRunning {
            if (try? terminate(process, timeout: 5)) == nil {
                kill(process.processIdentifier, SIGKILL)
                process.waitUntilExit()
            }
        }
        background.removeAll()
        for file in outputFiles { try? FileManager.default.removeItem(atPath: file) }
        outputFiles.removeAll()
        _ = try? ProcessRunner.run(["ip", "netns", "del", name])
    }

    deinit { delete() }
}

public struct NamespaceError: Error, CustomStringConvertible {
    public let message: String
    public init(message: String) { self.message = message }
    public var description: String { message }
}
