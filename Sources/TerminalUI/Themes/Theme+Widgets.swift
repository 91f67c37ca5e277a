// Each widget takes its styles from the theme roles in one place, so views only say `.theme(theme)`.

extension Table {
    /// A copy styled by `theme` (normal, header, selected, dim placeholder).
    public func theme(_ theme: Theme) -> Table {
        style(theme[.normal]).headerStyle(theme[.header]).selectedStyle(theme[.selected]).placeholderStyle(theme[.dim])
    }
}

extension Panel {
    /// A copy styled by `theme` (normal inside, border, title).
    public func theme(_ theme: Theme) -> Panel {
        style(theme[.normal]).borderStyle(theme[.border]).titleStyle(theme[.title])
    }
}

extension TextBlock {
    /// A copy styled by `theme` (normal).
    public func theme(_ theme: Theme) -> TextBlock {
        style(theme[.normal])
    }
}

extension TTLBar {
    /// A copy styled by `theme` (TTL bar full and low, dim label).
    public func theme(_ theme: Theme) -> TTLBar {
        styles(full: theme[.ttlBarFull], low: theme[.ttlBarLow]).labelStyle(theme[.dim])
    }
}

extension Sparkline {
    /// A copy styled by `theme` (sparkline).
    public func theme(_ theme: Theme) -> Sparkline {
        style(theme[.sparkline])
    }
}

extension Dialog {
    /// A copy styled by `theme` (dialog, border, dialog title, dim hints, input field).
    public func theme(_ theme: Theme) -> Dialog {
        style(theme[.dialog]).borderStyle(theme[.border]).titleStyle(theme[.dialogTitle])
            .hintStyle(theme[.dim]).fieldStyle(theme[.input])
    }
}

extension HelpOverlay {
    /// A copy styled by `theme` (dialog, border, dialog title, help keys, accent groups, danger).
    public func theme(_ theme: Theme) -> HelpOverlay {
        style(theme[.dialog]).borderStyle(theme[.border]).titleStyle(theme[.dialogTitle])
            .keyStyle(theme[.helpKey]).groupStyle(theme[.accent]).dangerStyle(theme[.danger])
    }
}

extension StatusLine {
    /// A copy styled by `theme` (status line).
    public func theme(_ theme: Theme) -> StatusLine {
        style(theme[.statusLine])
    }
}
