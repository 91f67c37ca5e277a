import TerminalUI

/// A view's rows as a table, with the sort column marked and TTL bars drawn over the bar column.
struct RowsTableView: Widget {
    var rows: ViewRows
    var selection: TableState
    var sort: SortState
    /// Ids of the rows marked with `m`, drawn in the match style.
    var marked: Set<[UInt8]> = []
    var placeholder: String
    var theme: Theme

    /// The selection to draw: by id when the row is still there, else the index clamped.
    static func resolvedSelection(_ selection: ViewSelection, in rows: ViewRows) -> TableState {
        var table = selection.table
        if let id = selection.id, let index = rows.index(of: id, hint: table.selected) {
            table.selected = index
        } else {
            table.clamp(rowCount: rows.count)
        }
        return table
    }

    func render(in area: Rect, into frame: inout Frame) {
        guard !area.isEmpty else { return }
        let columns = rows.columns.enumerated().map { index, column in
            var column = column
            if sort.column == index { column.title += sort.descending ? "▼" : "▲" }
            return column
        }
        // Only the rows on screen are built: a view may hold 100,000 of them. Column widths
        // therefore follow what is visible.
        let visible = max(0, area.height - 1)
        let offset = selection.scrolledOffset(visibleRows: visible, rowCount: rows.count)
        let window = rows.rows(in: offset..<(offset + visible))
        let tableRows = window.map { row in
            var style = row.role.map { theme[$0] }
            if marked.contains(row.id) { style = (style ?? .plain).patched(with: theme[.match]) }
            return TableRow(row.cells.map { TableCell($0.text, style: $0.role.map { theme[$0] }) }, style: style)
        }
        let shown = TableState(selected: selection.selected.map { $0 - offset }, offset: 0)
        let table = Table(columns: columns, rows: tableRows).state(shown).theme(theme).placeholder(placeholder)
        table.render(in: area, into: &frame)
        drawBars(table, window: window, in: area, into: &frame)
    }

    /// `window`: the rows drawn, from the table's first body line down.
    private func drawBars(_ table: Table, window: [ListedRow], in area: Rect, into frame: inout Frame) {
        guard let bar = rows.barColumn else { return }
        let widths = table.columnWidths(in: area.width)
        guard widths.indices.contains(bar), widths[bar] > 0 else { return }
        // The table skips hidden columns and puts one space between shown ones.
        let x = area.x + widths[..<bar].filter { $0 > 0 }.reduce(0) { $0 + $1 + 1 }
        let body = area.splitTop(1).rest
        for (line, row) in window.prefix(body.height).enumerated() {
            guard let fraction = row.barFraction, bar < row.cells.count else { continue }
            let slot = Rect(x: x, y: body.y + line, width: min(widths[bar], area.maxX - x), height: 1)
            TTLBar(fraction: fraction).label(row.cells[bar].text.description).theme(theme).render(in: slot, into: &frame)
        }
    }
}
