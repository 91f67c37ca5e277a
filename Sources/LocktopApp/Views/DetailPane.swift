import TerminalUI

/// The pane Enter opens: every field of the selected row's entity, and its anomalies.
struct DetailPane: Widget {
    var row: ListedRow?
    var context: RowContext
    var theme: Theme
    var holderCursor = 0

    func render(in area: Rect, into frame: inout Frame) {
        guard !area.isEmpty else { return }
        Panel(title: "Detail").theme(theme).render(in: area, into: &frame)
        let inner = Panel.inner(area).inset(horizontal: 1)
        guard !inner.isEmpty else { return }
        guard let row else {
            frame.put("nothing selected", at: inner.origin, style: theme[.dim], maxWidth: inner.width)
            return
        }
        let lines = DetailLines(context: context, theme: theme, holderCursor: holderCursor).lines(for: row.subject)
        TextBlock(lines: lines).theme(theme).wrapping(true).render(in: inner, into: &frame)
    }
}
