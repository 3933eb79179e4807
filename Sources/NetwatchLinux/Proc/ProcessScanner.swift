import NetwatchCore

/// Reads every process's open-fd count, `Max open files` limit and `comm` (docs/KERNEL.md §7).
///
/// The fd count is read on every scan (one `stat`); limits and `comm` rarely change, so they
/// are kept per pid and re-read after ``refreshSeconds`` — a dashboard tick then costs one
/// system call per process instead of three file reads.
public final class ProcessScanner {
    public let root: ProcRoot
    let clock: SampleClock
    /// How long a process's limits and command are trusted before being read again.
    public let refreshSeconds: Double
    private var known: [Int32: (limit: OpenFileLimit, command: String, readAt: Double)] = [:]
    /// `stat(PID/fd).st_size` is the fd count here (Linux 6.2+ on a real procfs): probed on our
    /// own fd directory, which always holds stdin, stdout and stderr.
    private lazy var sizeIsCount: Bool = root.isProcfs && ((try? root.size("self/fd").get()) ?? 0) > 0

    public init(root: ProcRoot, clock: SampleClock = SystemClock(), refreshSeconds: Double = 10) {
        self.root = root
        self.clock = clock
        self.refreshSeconds = refreshSeconds
    }

    public struct Result: Sendable {
        public var processes: [ProcessFDUsage] = []
        /// Processes whose fds or limits could not be read (permission) or parsed.
        public var unreadable = 0
        /// The first `PID/limits` that could not be parsed, named with the reason, and how many
        /// others were like it; `nil` when every one parsed.
        public var malformedLimits: String?
    }

    public func scan() -> Result {
        var result = Result()
        let now = clock.now()
        var alive = Set<Int32>()
        var malformed: (first: String, others: Int)?
        for pid in root.processIDs() {
            alive.insert(pid)
            switch usage(of: pid, now: now) {
            case let .some(.success(usage)): result.processes.append(usage)
            case let .some(.failure(error)):
                result.unreadable += 1
                if let reason = error.malformed { malformed = malformed.map { ($0.first, $0.others + 1) } ?? ("\(error.path): \(reason)", 0) }
            case .none: break   // exited while we looked
            }
        }
        result.malformedLimits = malformed.map { first, others in
            "\(first); counted as unreadable" + (others == 0 ? "" : " (\(others) more limits files like it)")
        }
        known = known.filter { alive.contains($0.key) }
        return result
    }

    /// `nil` when the process is gone; a failure when it exists but cannot be read.
    func usage(of pid: Int32, now: Double) -> Swift.Result<ProcessFDUsage, ProcReadError>? {
        if let cached = known[pid], now - cached.readAt < refreshSeconds {
            switch openFileCount(pid) {
            case let .success(open):
                return .success(ProcessFDUsage(process: ProcessIdentity(pid: pid, command: cached.command), open: open, limit: cached.limit))
            case let .failure(error):
                known[pid] = nil
                return error.isMissing ? nil : .failure(error)
            }
        }
        let limitsText: String
        switch root.read("\(pid)/limits") {
        case let .success(text): limitsText = text
        case let .failure(error): return error.isMissing ? nil : .failure(error)
        }
        let limit: OpenFileLimit
        do {
            limit = try OpenFileLimit.parse(limitsText)
        } catch {
            return .failure(ProcReadError(path: root.absolute("\(pid)/limits"), malformed: error.description))
        }
        let open: Int
        switch openFileCount(pid) {
        case let .success(count): open = count
        case let .failure(error): return error.isMissing ? nil : .failure(error)
        }
        let command = (try? root.read("\(pid)/comm").get()).flatMap { try? ProcessComm.parse($0) } ?? "?"
        known[pid] = (limit, command, now)
        return .success(ProcessFDUsage(process: ProcessIdentity(pid: pid, command: command), open: open, limit: limit))
    }

    /// `stat(/proc/PID/fd).st_size` is the open-fd count on Linux 6.2+ (and readable without
    /// permission to list the directory); older kernels and copied trees need the entries counted.
    func openFileCount(_ pid: Int32) -> Swift.Result<Int, ProcReadError> {
        guard sizeIsCount else {
            var count = 0
            if let error = root.forEachEntry(in: "\(pid)/fd", { _ in count += 1; return true }) { return .failure(error) }
            return .success(count)
        }
        return root.size("\(pid)/fd")
    }
}
