/// Open files near a limit: a process near its soft `RLIMIT_NOFILE` (open(), socket() and
/// accept() then fail with `EMFILE`), or the host near `fs.file-max` (`ENFILE` for everyone).
enum FileDescriptorRule {
    static let processID = "process_fds"
    static let systemID = "system_fds"
    static let processReference = "getrlimit(2) RLIMIT_NOFILE; prlimit(1); systemd.exec(5) LimitNOFILE; proc(5) /proc/sys/fs/nr_open"
    static let systemReference = "proc(5) /proc/sys/fs/file-max and file-nr"

    static func findings(_ context: AdviceContext) -> [Finding] {
        let t = context.thresholds
        var findings = context.snapshot.fds.processes.compactMap { usage -> Finding? in
            guard let severity = FindingSeverity.of(usage.ratio, warning: t.processFDsWarning, critical: t.processFDsCritical),
                  let soft = usage.limit.soft else { return nil }
            return process(usage, soft: soft, severity: severity, context)
        }
        if let system = system(context) { findings.append(system) }
        return findings
    }

    static func process(_ usage: ProcessFDUsage, soft: Int64, severity: FindingSeverity, _ context: AdviceContext) -> Finding {
        let pid = usage.process.pid
        let nrOpen = context.snapshot.fds.nrOpen
        var evidence = [Evidence("pid", pid), Evidence("command", usage.process.command), Evidence("open", usage.open),
                        Evidence("soft_limit", soft)]
        if let hard = usage.limit.hard { evidence.append(Evidence("hard_limit", hard)) }
        if let nrOpen { evidence.append(Evidence("nr_open", nrOpen)) }
        let closeWait = context.closeWait(of: pid)
        if let closeWait { evidence.append(Evidence("close_wait", closeWait)) }
        let failed = ConnectorAttribution.acceptFailures(of: pid, in: context.snapshot)
        if let failed { evidence += failed.evidence }

        var suggestion = ["At the soft limit open(), socket() and accept() fail with EMFILE (\"Too many open files\")."]
        let doubled = min(max(soft.saturatingMultiplied(by: 2), 1024), nrOpen ?? Int64.max)
        switch usage.limit.hard {
        case let hard? where hard > soft:
            suggestion.append("Raise the soft limit to the hard limit (\(hard)): for the running process "
                + "`prlimit --pid \(pid) --nofile=\(hard):\(hard)`; for its service LimitNOFILE=\(hard) in the systemd unit "
                + "or `ulimit -n \(hard)` in its start script.")
        case nil:
            suggestion.append("Raise the soft limit (the hard limit is unlimited): for the running process "
                + "`prlimit --pid \(pid) --nofile=\(doubled):unlimited`; for its service LimitNOFILE=\(doubled) in the "
                + "systemd unit or `ulimit -n \(doubled)` in its start script.")
        case let hard?:
            suggestion.append("The soft limit is the hard limit (\(hard)): raise both, up to fs.nr_open"
                + (nrOpen.map { " (\($0))" } ?? "") + ": LimitNOFILE=\(doubled) in the systemd unit (or nofile in "
                + "limits.conf) and restart, or as root for the running process `prlimit --pid \(pid) --nofile=\(doubled):\(doubled)`.")
        }
        suggestion.append("Check for a leak first: a count that only grows means sockets or files not closed"
            + (closeWait.map { " (\($0) of its sockets are in CLOSE_WAIT)" } ?? "") + ".")
        return Finding(id: processID, severity: severity,
                       title: "\(AdviceText.process(usage.process)) uses \(AdviceText.percent(usage.ratio ?? 0)) of its "
                           + "open-file limit (\(usage.open) of \(soft))" + (failed.map { "; " + $0.phrase } ?? ""),
                       evidence: evidence, suggestion: suggestion, reference: processReference, target: .process(pid: pid))
    }

    static func system(_ context: AdviceContext) -> Finding? {
        let fds = context.snapshot.fds, t = context.thresholds
        guard let ratio = fds.systemRatio, let allocated = fds.systemAllocated, let max = fds.systemMax,
              let severity = FindingSeverity.of(ratio, warning: t.systemFDsWarning, critical: t.systemFDsCritical) else {
            return nil
        }
        var evidence = [Evidence("allocated", allocated), Evidence("file_max", max), Evidence("ratio", ratio)]
        var holder = ""
        if let top = fds.processes.max(by: { $0.open < $1.open }) {
            evidence += [Evidence("top_pid", top.process.pid), Evidence("top_command", top.process.command),
                         Evidence("top_open", top.open)]
            holder = " The process with the most open files is \(AdviceText.process(top.process)) with \(top.open)."
        }
        return Finding(id: systemID, severity: severity,
                       title: "system file handles at \(AdviceText.percent(ratio)) of fs.file-max (\(allocated) of \(max))",
                       evidence: evidence,
                       suggestion: ["At fs.file-max every process's open() fails with ENFILE." + holder,
                                    "Raise the ceiling: " + AdviceText.sysctl("fs.file-max", String(max.saturatingMultiplied(by: 2)))],
                       reference: systemReference)
    }
}
