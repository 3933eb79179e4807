import NetwatchCore

extension DashboardModel {
    /// The namespaces view's rows: most trouble first, narrowed by its name filter.
    public var namespaceRows: [NamespaceSummary] {
        namespaces?.rows(matching: view.namespaceQuery) ?? []
    }

    /// The namespace under the namespaces view's selection.
    var selectedNamespace: Netns? {
        let rows = namespaceRows
        return rows.indices.contains(view.namespaceSelection) ? rows[view.namespaceSelection].namespace : nil
    }
}
