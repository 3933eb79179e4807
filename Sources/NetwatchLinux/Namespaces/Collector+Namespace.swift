import NetwatchCore

extension Collector {
    /// The collector for `--netns NAME|PID|PATH`: inside that namespace (its own sock_diag
    /// socket, sysctls and counters, only its processes); netwatch's own namespace is collected
    /// as without the option.
    /// - Throws: ``NamespaceSelectionError`` when the words name no namespace,
    ///   ``NamespaceEntryError`` when it cannot be entered.
    public static func resolve(netns words: String, root: ProcRoot = ProcRoot()) throws -> Collector {
        let found = NamespaceDiscovery(root: root).discover()
        let namespace = try NamespaceSelector.select(words, in: found, root: root)
        let own = root.readLink("self/ns/net").flatMap(NamespaceDiscovery.inode(inLink:))
        guard namespace.inode != own else { return Collector(root: root, useNetlink: true) }
        let handle = try NamespaceHandle(namespace, root: root, thread: NamespaceThread())
        return Collector(root: root, useNetlink: true, namespace: handle)
    }
}
