/// CLOSE_WAIT accumulating in a process: its peers closed the connections and the application
/// has not called close(). No kernel setting ends CLOSE_WAIT; only the application can.
enum CloseWaitRule {
    static let id = "close_wait"
    static let reference = "RFC 9293 §3.3.2 (CLOSE-WAIT: waiting for a close from the local user); close(2)"

    static func findings(_ context: AdviceContext) -> [Finding] {
        let t = context.thresholds, snapshot = context.snapshot
        var findings = snapshot.closeWaitOwners.compactMap { owner -> Finding? in
            guard let severity = FindingSeverity.of(Double(owner.count), warning: t.closeWaitWarning,
                                                    critical: t.closeWaitCritical) else { return nil }
            return finding(owner, severity: severity, context)
        }
        let total = snapshot.states?.byState[.closeWait] ?? 0
        if findings.isEmpty, snapshot.closeWaitOwners.isEmpty,
           let severity = FindingSeverity.of(Double(total), warning: t.closeWaitWarning, critical: t.closeWaitCritical) {
            findings.append(unattributed(total, severity: severity, unreadable: snapshot.collector.ownersUnreadableProcesses))
        }
        return findings
    }

    static func finding(_ owner: CloseWaitOwner, severity: FindingSeverity, _ context: AdviceContext) -> Finding {
        let name = AdviceText.process(owner.process)
        var evidence = [Evidence("pid", owner.process.pid), Evidence("command", owner.process.command),
                        Evidence("close_wait", owner.count), Evidence("local_port", owner.localPort)]
        let usage = context.snapshot.fds.processes.first { $0.process.pid == owner.process.pid }
        if let usage {
            evidence.append(Evidence("open_fds", usage.open))
            if let soft = usage.limit.soft { evidence.append(Evidence("soft_limit", soft)) }
        }
        let fds = usage.flatMap { u in u.limit.soft.map { " (\(u.open) open of its soft limit \($0))" } } ?? ""
        let suggestion = [
            "The peers closed these connections and the kernel waits for \(owner.process.command) to call close(): the "
                + "application leaks sockets (a missing close() on an error path, a response body never read to the end, "
                + "a pool that does not release broken connections). Fix it in the code.",
            "No sysctl ends CLOSE_WAIT. Each socket keeps a file descriptor\(fds) until closed; restarting pid "
                + "\(owner.process.pid) frees them only until the leak fills them again.",
        ]
        let port = owner.localPort
        return Finding(id: id, severity: severity,
                       title: "\(name) holds \(owner.count) CLOSE_WAIT sockets (port \(port)): it does not close them",
                       evidence: evidence, suggestion: suggestion, reference: reference,
                       target: context.isListening(port) ? .serverPort(port) : .localPort(port))
    }

    /// Owners were not looked up or not found: the count alone, and why no process is named
    /// (`unreadable`: processes whose fds the lookup could not read as non-root; `nil`, no lookup).
    static func unattributed(_ total: Int, severity: FindingSeverity, unreadable: Int?) -> Finding {
        let why = switch unreadable {
        case let count? where count > 0: "\(count) processes' fds could not be read (run as root to name the process)"
        case .some: "no process holding them was found (they belong to a process outside this PID namespace)"
        case nil: "their owners were not looked up"
        }
        return Finding(id: id, severity: severity, title: "\(total) CLOSE_WAIT sockets: an application does not close its sockets",
                       evidence: [Evidence("close_wait", total)],
                       suggestion: ["The peers closed these connections and the application holding them has not called close(); "
                           + why + ". Fix the leak in that application."],
                       reference: reference)
    }
}
