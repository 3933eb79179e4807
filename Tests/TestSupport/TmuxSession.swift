import Foundation
import XCTest

/// A detached tmux session on a private tmux server (its own socket, `tmux -L NAME`, no config
/// file), for driving a terminal program end to end: send keys, resize, read the screen with
/// `capture-pane`, read pane state with `display-message -p`. ``kill()`` (also run on deinit)
/// stops the server and everything in its panes.
public final class TmuxSession {
    /// The server's socket name, unique per session.
    public let socket: String
    private var alive = true

    /// Skips the test when tmux is not installed (fails it under CI: ``EnvironmentRequirement``).
    public static func skipUnlessAvailable() throws {
        try EnvironmentRequirement.require(
            FileManager.default.isExecutableFile(atPath: ProcessRunner.resolve("tmux")),
            "needs tmux for end-to-end terminal tests: run scripts/setup")
    }

    /// Starts `command` (run by the shell) in a new detached session of `width` × `height`.
    /// - Parameters:
    ///   - label: part of the socket name, to tell servers apart in `ps`.
    ///   - locale: `LC_ALL` for the command, so what it draws does not depend on the locale the
    ///     tests were started in (CI may have none, which means ASCII).
    public init(label: String, width: Int, height: Int, command: String, locale: String = "C.UTF-8") throws {
        socket = "nw-\(label)-\(getpid())-\(UUID().uuidString.prefix(8).lowercased())"
        let (status, output) = try Self.spawnClosingInheritedFiles(
            ["tmux", "-L", socket, "-f", "/dev/null", "new-session", "-d", "-e", "LC_ALL=" + locale,
             "-x", String(width), "-y", String(height), command])
        guard status == 0 else {
            alive = false
            throw TmuxError(message: "tmux new-session failed (exit \(status)): \(output)")
        }
    }

    /// Runs a command that starts the tmux server, with only stdin (/dev/null), stdout and stderr
    /// (a temporary file) open in it; returns its exit status and output.
    ///
    /// Not through `Process`: Foundation on Linux learns that a child ended when every copy of
    /// a socket it hands the child is closed, and the tmux server forked from this client would
    /// inherit that socket (and any other descriptor open here) and keep it for its lifetime, so
    /// `waitUntilExit` would hang until the server is killed.
    static func spawnClosingInheritedFiles(_ arguments: [String]) throws -> (Int32, String) {
        let outputPath = NSTemporaryDirectory() + "/tmux-spawn-\(getpid())-\(UUID().uuidString.prefix(8)).out"
        defer { unlink(outputPath) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, outputPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        Self.closeFrom3(&actions)
        let path = ProcessRunner.resolve(arguments[0])
        var argv: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) } + [nil]
        defer { for pointer in argv { free(pointer) } }
        var pid = pid_t()
        let spawned = posix_spawn(&pid, path, &actions, nil, &argv, environ)
        guard spawned == 0 else { throw TmuxError(message: "posix_spawn \(path): \(String(cString: strerror(spawned)))") }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        let output = (try? String(contentsOfFile: outputPath, encoding: .utf8)) ?? ""
        // WIFEXITED / WEXITSTATUS, which Swift does not import.
        let exited = status & 0x7f == 0
        return (exited ? (status >> 8) & 0xff : 128 + (status & 0x7f), output)
    }

    /// Adds "close every descriptor from 3 up" to `actions`: glibc's
    /// `posix_spawn_file_actions_addclosefrom_np` (2.34+, looked up at run time since Swift does not
    /// import it), or else a close for each descriptor open now.
    private static func closeFrom3(_ actions: inout posix_spawn_file_actions_t) {
        typealias CloseFrom = @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32
        if let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "posix_spawn_file_actions_addclosefrom_np") {
            _ = unsafeBitCast(symbol, to: CloseFrom.self)(&actions, 3)
            return
        }
        let open = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd")) ?? []
        for fd in open.compactMap({ Int32($0) }) where fd > 2 && fcntl(fd, F_GETFD) >= 0 {
            posix_spawn_file_actions_addclose(&actions, fd)
        }
    }

    deinit { kill() }

    /// Runs a tmux command against this session's server.
    @discardableResult
    public func tmux(_ arguments: [String]) throws -> ProcessResult {
        let result = try ProcessRunner.run(["tmux", "-L", socket] + arguments)
        guard result.status == 0 else {
            throw TmuxError(message: "tmux \(arguments.joined(separator: " ")) failed (exit \(result.status)): \(result.stderr)")
        }
        return result
    }

    /// The visible screen, one string per row (`capture-pane -p`; trailing blanks dropped by tmux).
    public func screen() throws -> [String] {
        let text = try tmux(["capture-pane", "-p"]).stdout
        var lines = text.components(separatedBy: "\n")
        if lines.last == "" { lines.removeLast() }
        return lines
    }

    /// Types `text` literally (`send-keys -l`): each character is one key press.
    public func type(_ text: String) throws {
        try tmux(["send-keys", "-l", text])
    }

    /// Presses keys by tmux name (`Tab`, `F1`, `Escape`, `C-c`).
    public func press(_ keys: String...) throws {
        try tmux(["send-keys"] + keys)
    }

    /// Resizes the window (and so the pane, which sends SIGWINCH to the program in it).
    public func resize(width: Int, height: Int) throws {
        try tmux(["resize-window", "-x", String(width), "-y", String(height)])
    }

    /// A tmux format evaluated for the pane: `#{alternate_on}`, `#{cursor_flag}`, `#{pane_pid}`.
    public func format(_ format: String) throws -> String {
        try tmux(["display-message", "-p", format]).stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// The pid of the pane's first process (the shell running the command).
    public func panePID() throws -> Int32 {
        let text = try format("#{pane_pid}")
        guard let pid = Int32(text) else { throw TmuxError(message: "pane_pid is '\(text)'") }
        return pid
    }

    /// Polls the screen until `predicate` holds on a settled screen, and returns that screen;
    /// throws after `timeout` seconds with the last screen in the message.
    @discardableResult
    public func waitForScreen(_ what: String, timeout: Double = 10, _ predicate: ([String]) throws -> Bool) throws -> [String] {
        let deadline = Date().addingTimeInterval(timeout)
        var last = [String]()
        while true {
            last = try screen()
            if try predicate(last) {
                // A frame reaches tmux in pieces (curses writes it top to bottom), so the header
                // can already say what is awaited while the rows below are the previous frame's.
                // A screen counts once it reads the same twice, 30 ms apart.
                usleep(30_000)
                if try screen() == last { return last }
            }
            guard Date() < deadline else { break }
            usleep(50_000)   // waiting on a real process in a real terminal: there is no clock to inject here
        }
        throw TmuxError(message: "timed out after \(timeout) s waiting for \(what); the screen was:\n"
                        + last.joined(separator: "\n"))
    }

    /// Polls until a line `MARKER=<integer>` appears (what `; echo MARKER=$?` prints after the
    /// program ends) and returns the integer.
    public func waitForExitStatus(marker: String = "NETWATCH_EXIT", timeout: Double = 10) throws -> Int32 {
        var status: Int32?
        try waitForScreen("\(marker)=<status>", timeout: timeout) { lines in
            status = lines.lazy.compactMap { line -> Int32? in
                let trimmed = line.trimmingCharacters(in: .whitespaces)
                guard trimmed.hasPrefix(marker + "=") else { return nil }
                return Int32(trimmed.dropFirst(marker.count + 1))
            }.first
            return status != nil
        }
        return status!
    }

    /// Stops the server and every process in its panes (they get SIGHUP) and removes its socket.
    /// Safe to call twice.
    public func kill() {
        guard alive else { return }
        let path = try? format("#{socket_path}")
        alive = false
        _ = try? ProcessRunner.run(["tmux", "-L", socket, "kill-server"])
        // The server leaves its socket file behind.
        if let path, path.hasSuffix("/" + socket) { unlink(path) }
    }

    /// Direct children of `pid` (from `/proc/PID/task/*/children`), with their `comm`.
    public static func children(of pid: Int32) -> [(pid: Int32, command: String)] {
        let tasks = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/\(pid)/task")) ?? []
        var found = [(pid: Int32, command: String)]()
        for task in tasks {
            let text = (try? String(contentsOfFile: "/proc/\(pid)/task/\(task)/children", encoding: .utf8)) ?? ""
            for child in text.split(separator: " ").compactMap({ Int32($0) }) {
                let comm = (try? String(contentsOfFile: "/proc/\(child)/comm", encoding: .utf8)) ?? ""
                found.append((child, comm.trimmingCharacters(in: .whitespacesAndNewlines)))
            }
        }
        return found
    }

    /// `text` quoted for `sh` (single quotes).
    public static func shellQuote(_ text: String) -> String {
        "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}

public struct TmuxError: Error, CustomStringConvertible {
    public let message: String
    public init(message: String) { self.message = message }
    public var description: String { message }
}
