/// Rows under a header, in columns declared as data, with a highlighted selection that stays visible.
///
/// ```swift
/// let table = Table(columns: [TableColumn("KEY", width: .flex(1)), TableColumn("TTL", width: .fixed(6), alignment: .right)])
///     .rows(locks.map { TableRow([TableCell($0.key), TableCell($0.ttl)]) })
///     .state(state)
///     .theme(theme)
/// table.render(in: area, into: &frame)
/// state = state.scrolled(visibleRows: table.visibleRowCount(in: area), rowCount: locks.count)
/// ```
public struct Table: Widget, Sendable {
    private var columns: [TableColumn]
    private var rows: [TableRow]
    private var state = TableState()
    private var showsHeader = true
    private var spacing = 1
    private var placeholder: String?
    private var style: Style = .plain
    private var headerStyle: Style = Style(bold: true)
    private var selectedStyle: Style = Style(reverse: true)
    private var placeholderStyle: Style = Style(dim: true)

    /// A table of `columns` and `rows`.
    public init(columns: [TableColumn], rows: [TableRow] = []) {
        self.columns = columns
        self.rows = rows
    }

    /// A copy with these rows.
    public func rows(_ rows: [TableRow]) -> Table { var copy = self; copy.rows = rows; return copy }
    /// A copy with this selection and scroll offset.
    public func state(_ state: TableState) -> Table { var copy = self; copy.state = state; return copy }
    /// A copy that shows or hides the header row.
    public func showsHeader(_ shows: Bool) -> Table { var copy = self; copy.showsHeader = shows; return copy }
    /// A copy with `spacing` blank columns between neighbouring columns.
    public func columnSpacing(_ spacing: Int) -> Table { var copy = self; copy.spacing = max(0, spacing); return copy }
    /// A copy that shows `text` when there are no rows.
    public func placeholder(_ text: String?) -> Table { var copy = self; copy.placeholder = text; return copy }
    /// The style of the whole table area.
    public func style(_ style: Style) -> Table { var copy = self; copy.style = style; return copy }
    /// The style of the header row.
    public func headerStyle(_ style: Style) -> Table { var copy = self; copy.headerStyle = style; return copy }
    /// The style laid over the selected row.
    public func selectedStyle(_ style: Style) -> Table { var copy = self; copy.selectedStyle = style; return copy }
    /// The style of the placeholder text.
    public func placeholderStyle(_ style: Style) -> Table { var copy = self; copy.placeholderStyle = style; return copy }

    /// How many rows fit in `area` below the header.
    public func visibleRowCount(in area: Rect) -> Int {
        max(0, area.height - (showsHeader ? 1 : 0))
    }

    /// The column widths this table uses in `width` columns (0 for a hidden column).
    public func columnWidths(in width: Int) -> [Int] {
        let content = columns.indices.map { index in
            rows.reduce(showsHeader ? DisplayWidth.of(columns[index].title) : 0) { widest, row in
                index < row.cells.count ? max(widest, row.cells[index].text.width) : widest
            }
        }
        return TableLayout.widths(for: columns, contentWidths: content, available: width, spacing: spacing)
    }

    public func render(in area: Rect, into frame: inout Frame) {
        let area = area.intersection(frame.area)
        guard !area.isEmpty else { return }
        frame.fill(area, style: style)
        let widths = columnWidths(in: area.width)
        var body = area
        if showsHeader {
            let (header, rest) = area.splitTop(1)
            frame.fill(header, style: style.patched(with: headerStyle))
            drawCells(columns.map { TableCell($0.title) }, widths: widths, in: header, style: style.patched(with: headerStyle), into: &frame)
            body = rest
        }
        guard !body.isEmpty else { return }
        if rows.isEmpty, let placeholder {
            frame.put(placeholder, at: body.origin, style: style.patched(with: placeholderStyle), maxWidth: body.width)
            return
        }
        let offset = state.scrolledOffset(visibleRows: body.height, rowCount: rows.count)
        for line in 0..<body.height {
            let index = offset + line
            guard index < rows.count else { break }
            let row = rows[index]
            var rowStyle = style.patched(with: row.style ?? .plain)
            let isSelected = state.selected == index
            if isSelected { rowStyle = rowStyle.patched(with: selectedStyle) }
            let rect = body.row(line)
            if isSelected || row.style != nil { frame.fill(rect, style: rowStyle) }
            drawCells(row.cells, widths: widths, in: rect, style: rowStyle, overlay: isSelected ? selectedStyle : nil, into: &frame)
        }
    }

    private func drawCells(
        _ cells: [TableCell], widths: [Int], in rect: Rect, style: Style, overlay: Style? = nil, into frame: inout Frame
    ) {
        var x = rect.x
        for (index, column) in columns.enumerated() where widths[index] > 0 {
            if index < cells.count {
                let cell = cells[index]
                var cellStyle = style.patched(with: cell.style ?? .plain)
                if let overlay { cellStyle = cellStyle.patched(with: overlay) }
                let slot = Rect(x: x, y: rect.y, width: min(widths[index], rect.maxX - x), height: 1)
                frame.put([Span(cell.text, style: cellStyle)], in: slot, alignment: column.alignment)
            }
            x += widths[index] + spacing
            guard x < rect.maxX else { break }
        }
    }
}
