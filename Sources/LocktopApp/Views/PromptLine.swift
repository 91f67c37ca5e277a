import TerminalUI

/// The row above the status line: the filter being typed, else the last status message.
struct PromptLine: Widget {
    var state: AppState
    var theme: Theme

    func render(in area: Rect, into frame: inout Frame) {
        guard !area.isEmpty else { return }
        frame.fill(area, style: theme[.normal])
        var used = 0
        if let input = state.filterInput {
            let prompt = Span("/", style: theme[.accent])
            let field = Span(input.text, style: theme[.input])
            used = frame.put([prompt, field], at: area.origin, maxWidth: area.width)
            // The cursor sits after the character it follows, counted in columns.
            let column = 1 + DisplayText(String(input.characters.prefix(input.cursor))).width
            frame.cursor = Point(x: area.x + min(column, max(0, area.width - 1)), y: area.y)
            used += 2
        }
        if let message = state.statusMessage, used < area.width {
            let role: Theme.Role = message.hasPrefix("read-only") || message.hasPrefix("invalid") ? .warning : .accent
            frame.put(message, at: Point(x: area.x + used, y: area.y), style: theme[role], maxWidth: area.width - used)
        }
    }
}
