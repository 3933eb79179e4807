import NetwatchCore

extension Collector {
    /// The collector for `--proc-root` / `NETWATCH_PROC_ROOT`: sock_diag only when neither names a
    /// root, since a given tree may not be this network namespace's (it is read through
    /// /proc/net/tcp{,6} instead).
    /// - Throws: ``ProcRootError`` when the named root is not a directory.
    public static func resolve(procRootOption option: String?, environment: [String: String]) throws(ProcRootError) -> Collector {
        let root = try ProcRoot.resolve(option: option, environment: environment)
        let explicitRoot = option != nil || !(environment["NETWATCH_PROC_ROOT"] ?? "").isEmpty
        return Collector(root: root, useNetlink: !explicitRoot)
    }
}

extension CollectRequest {
    /// A full collection for a one-shot or recorded snapshot built with `options`: the filter
    /// pushed into the kernel, and the matching sockets kept for `sockets[]` when it lists them.
    public init(for options: SnapshotBuilder.Options) {
        self.init(filter: options.filter, keepSockets: options.listsSockets ? options.socketLimit : 0, keepOnly: options.drill)
    }
}
