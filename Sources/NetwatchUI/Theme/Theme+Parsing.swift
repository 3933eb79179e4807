import NetwatchCore

/// Reading a theme file (see ``TOMLSubset`` for the syntax):
///
/// ```toml
/// name = "dracula"            # optional; the file name otherwise
/// [roles]
/// header = { fg = "#f8f8f2", bg = "#44475a", bold = true }
/// warning = "#f1fa8c"         # a string is the foreground alone
/// ```
/// Colours are `#rrggbb`, a basic colour name or `default`; attributes `bold`, `reverse`,
/// `underline` are booleans. Roles left out keep the built-in default theme's style.
extension Theme {
    /// Parses a theme file's text.
    /// - Parameter source: the file path, for error messages and the default name.
    public static func parse(_ text: String, source: String) throws(ConfigFileError) -> Theme {
        var name = fileStem(source)
        var styles = [ColorRole: RoleStyle]()
        for entry in try TOMLSubset.parse(text, source: source, tables: ["roles"]) {
            let fail = { (reason: String) in ConfigFileError(source: source, line: entry.line, key: entry.key, reason: reason) }
            guard entry.table == "roles" else {
                guard entry.key == "name", case .string(let given) = entry.value else {
                    throw fail(entry.key == "name" ? "must be a string" : "unknown setting (expected name, or a [roles] table)")
                }
                name = given
                continue
            }
            guard let role = ColorRole(rawValue: entry.key) else { throw fail("unknown colour role") }
            switch style(entry.value) {
            case .success(let style): styles[role] = style
            case .failure(let reason): throw fail(reason.text)
            }
        }
        return Theme(name: name, styles: styles)
    }

    /// Why a role's value was refused.
    private struct Reason: Error {
        let text: String
    }

    private static let colourHint = "expected #rrggbb, default, or one of "
        + ANSIColor.allCases.map(\.name).joined(separator: ", ")

    private static func style(_ value: TOMLSubset.Value) -> Result<RoleStyle, Reason> {
        switch value {
        case .string(let text):
            guard let colour = ThemeColor(text) else { return .failure(Reason(text: "'\(text)' is not a colour (\(colourHint))")) }
            return .success(RoleStyle(foreground: colour))
        case .bool, .number:
            return .failure(Reason(text: "expected a colour string or { fg = …, bg = …, bold = … }"))
        case .inlineTable(let members):
            var style = RoleStyle()
            for (attribute, member) in members {
                if let reason = apply(attribute, member, to: &style) { return .failure(reason) }
            }
            return .success(style)
        }
    }

    private static func apply(_ attribute: String, _ value: TOMLSubset.Value, to style: inout RoleStyle) -> Reason? {
        let flags: [String: WritableKeyPath<RoleStyle, Bool>] = ["bold": \.bold, "reverse": \.reverse, "underline": \.underline]
        let colours: [String: WritableKeyPath<RoleStyle, ThemeColor>] = ["fg": \.foreground, "bg": \.background]
        if let flag = flags[attribute] {
            guard case .bool(let on) = value else { return Reason(text: "'\(attribute)' must be true or false") }
            style[keyPath: flag] = on
        } else if let slot = colours[attribute] {
            guard case .string(let text) = value else { return Reason(text: "'\(attribute)' must be a colour string") }
            guard let colour = ThemeColor(text) else {
                return Reason(text: "\(attribute) '\(text)' is not a colour (\(colourHint))")
            }
            style[keyPath: slot] = colour
        } else {
            return Reason(text: "unknown attribute '\(attribute)' (expected fg, bg, bold, reverse, underline)")
        }
        return nil
    }

    /// `themes/dracula.toml` → `dracula`.
    static func fileStem(_ path: String) -> String {
        let file = path.split(separator: "/").last.map(String.init) ?? path
        return file.hasSuffix(".toml") ? String(file.dropLast(5)) : file
    }
}
