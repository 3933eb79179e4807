/// A colour scheme: how each ``ColorRole`` looks. Built in (``Theme/default``,
/// ``Theme/monochrome``) or read from a `themes/*.toml` file by ``Theme/parse(_:source:)``.
public struct Theme: Equatable, Sendable {
    /// The name shown in the header and used by `--theme NAME`.
    public var name: String
    /// A style for every role.
    public private(set) var styles: [ColorRole: RoleStyle]

    /// A theme with `styles`; roles missing from it take the built-in default's style.
    public init(name: String, styles: [ColorRole: RoleStyle]) {
        self.name = name
        self.styles = styles.merging(Theme.defaultStyles) { given, _ in given }
    }

    public subscript(role: ColorRole) -> RoleStyle { styles[role] ?? RoleStyle() }
}
