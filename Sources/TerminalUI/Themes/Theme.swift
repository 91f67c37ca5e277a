/// A palette of styles for the semantic roles the UI draws with (k9s-style skins: colours first, then roles).
///
/// ```swift
/// let theme = ThemeLoader.standard().loadOrDefault(named: "solarized").theme
/// frame.put("stuck", at: point, style: theme[.critical])
/// ```
public struct Theme: Hashable, Sendable {
    /// What a style is for; the raw value is the key in a theme file's `[styles]` table.
    public enum Role: String, CaseIterable, Hashable, Sendable {
        /// Ordinary text and the background of the screen.
        case normal
        /// Less important text: hints, units, placeholders.
        case dim
        /// Text that should catch the eye without meaning trouble.
        case accent
        /// Table header rows.
        case header
        /// The selected table row.
        case selected
        /// Lines around panels and dialogs.
        case border
        /// Panel titles.
        case title
        /// A healthy state (lock held normally, saga completed).
        case ok
        /// Something to look at (TTL far above the norm, long hold).
        case warning
        /// Something wrong (no TTL, stuck saga, waiters without a holder).
        case critical
        /// Actions that change data (force-release) in help and confirmations.
        case danger
        /// A TTL bar with plenty of time left.
        case ttlBarFull = "ttl_bar_full"
        /// A TTL bar about to run out.
        case ttlBarLow = "ttl_bar_low"
        /// Sparklines (throughput, events per second).
        case sparkline
        /// The status line at the bottom.
        case statusLine = "status_line"
        /// The read-only badge in the status line.
        case statusReadOnly = "status_read_only"
        /// The inside of dialogs and the help overlay.
        case dialog
        /// Dialog titles.
        case dialogTitle = "dialog_title"
        /// Input fields.
        case input
        /// Keys in the help overlay.
        case helpKey = "help_key"
        /// View tabs that are not shown.
        case tab
        /// The view tab shown.
        case tabActive = "tab_active"
        /// Text matching the current filter.
        case match
    }

    /// The theme's name (its file name without `.toml`).
    public var name: String
    /// Styles by role; a role left out uses `normal`.
    public var styles: [Role: Style]

    /// Creates a theme.
    public init(name: String, styles: [Role: Style]) {
        self.name = name
        self.styles = styles
    }

    /// The style for `role`, falling back to `normal`, then to the terminal's default.
    public subscript(role: Role) -> Style {
        styles[role] ?? styles[.normal] ?? .plain
    }
}
