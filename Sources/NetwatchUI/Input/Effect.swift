/// What the run loop must do after a key, beyond showing the new ``ViewState``.
public enum Effect: Equatable, Sendable {
    /// Restore the terminal and exit 0.
    case quit
    /// Write the JSON export (snapshot + history) and report the path in the status message.
    case export
    /// Load the next theme (``ThemeCatalog/cycle(from:)``); on failure keep the current one and
    /// show the error in the status message.
    case cycleTheme
    /// Collect every `seconds` from now on.
    case setInterval(Double)
    /// Draw the screen again (the view state changed).
    case redraw
    /// ``ViewState/filter`` changed (set or cleared): collect with the new port filter from the
    /// next tick, and start or drop its history series.
    case filterChanged
    /// ``ViewState/drill`` changed (opened or closed): collect the sockets of the new target, and
    /// look their owners up now rather than at the next slow-cadence scan.
    case drillChanged
    /// ``ViewState/viewedNamespace`` changed: collect inside the new namespace from now on.
    case namespaceChanged
}
