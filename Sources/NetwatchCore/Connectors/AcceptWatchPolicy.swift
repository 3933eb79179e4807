/// When to watch accept() results on a kernel where watching them costs every system call of
/// the host (no fexit: the tracer would take them from the `sys_exit` tracepoint).
///
/// accept() fails with EMFILE only in a process whose open descriptors have reached its soft
/// `RLIMIT_NOFILE`, and with ENFILE only when the host's open files reach `fs.file-max`. So they
/// are watched while a process holding a TCP listener is at ``threshold`` of its soft limit or
/// more, or the host at ``threshold`` of `fs.file-max`, and for ``quietSeconds`` after the last
/// time one was (no attach and detach at every tick around the threshold). A process that goes
/// from below the threshold to its limit within one interval has that interval's failures
/// uncounted; the fd pane shows it at its limit all the same. `--accept-results always` watches
/// them all along, at that cost.
public struct AcceptWatchPolicy: Sendable, Equatable {
    /// When accept() results are watched (`--accept-results`).
    public enum Mode: String, Sendable, Equatable, CaseIterable {
        /// While a listener's owner or the host is near its limit (the default).
        case nearFdLimit = "near-fd-limit"
        /// All along: exact accept counts per process, every system call paying for them.
        case always
    }

    /// The share of a limit (open / soft limit, allocated / file-max) from which failures are watched.
    public static let threshold = 0.75
    /// Seconds accept() results stay watched after the last sample at risk.
    public static let quietSeconds = 30.0

    public var mode: Mode
    /// Monotonic seconds of the last sample at risk.
    private var lastAtRisk: Double?

    public init(mode: Mode = .nearFdLimit) {
        self.mode = mode
    }

    /// Whether a sample with these processes, listener owners and host file count is at risk, and
    /// so whether accept() results should be watched from `now` (monotonic seconds).
    /// - Parameter listenerOwners: pids of the processes holding a TCP listener in the view.
    public mutating func shouldWatch(processes: [ProcessFDUsage], listenerOwners: Set<Int32>,
                                     fileNr: (allocated: Int64, max: Int64)?, now: Double) -> Bool {
        if mode == .always { return true }
        if Self.atRisk(processes: processes, listenerOwners: listenerOwners, fileNr: fileNr) { lastAtRisk = now }
        guard let lastAtRisk else { return false }
        return now - lastAtRisk < Self.quietSeconds
    }

    /// A listener's owner at ``threshold`` of its soft limit or more, or the host at
    /// ``threshold`` of `fs.file-max` (a `file-max` of 0 or less is no limit).
    public static func atRisk(processes: [ProcessFDUsage], listenerOwners: Set<Int32>,
                              fileNr: (allocated: Int64, max: Int64)?) -> Bool {
        if let fileNr, fileNr.max > 0, Double(fileNr.allocated) >= threshold * Double(fileNr.max) { return true }
        return processes.contains { usage in
            listenerOwners.contains(usage.process.pid) && (usage.ratio ?? 0) >= threshold
        }
    }
}
