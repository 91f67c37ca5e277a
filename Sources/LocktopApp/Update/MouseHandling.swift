import TerminalUI

/// Clicks and the wheel: a click on a tab picks the view, a click on a row selects it, the
/// wheel scrolls the selection. Where they land comes from the same `ScreenLayout` render uses.
extension AppState {
    /// Rows one wheel notch moves, as in most terminal programs.
    static let wheelStep = 3

    mutating func handle(_ mouse: MouseEvent) {
        // A dialog or the help takes its keys; a click elsewhere closes only the help.
        if overlay != nil {
            if overlay == .help, mouse.action == .press { overlay = nil }
            return
        }
        guard filterInput == nil else { return }
        switch mouse.action {
        case .wheelUp: moveSelection(by: -Self.wheelStep)
        case .wheelDown: moveSelection(by: Self.wheelStep)
        case .press: click(at: mouse.point)
        }
    }

    private mutating func click(at point: Point) {
        let layout = ScreenLayout(self, size: size)
        if layout.tabs.contains(point) {
            let tabs = TabBar(state: self, theme: .default).tabColumns(width: layout.tabs.width)
            if let tab = tabs.first(where: { $0.columns.contains(point.x - layout.tabs.x) }) { view = tab.view }
            return
        }
        guard view != .simulator, layout.table.contains(point), point.y > layout.table.y else { return }
        let rows = ViewRows(self)
        let offset = selection.table.scrolledOffset(visibleRows: layout.visibleRows, rowCount: rows.count)
        let index = offset + point.y - layout.table.y - 1
        guard index < rows.count else { return }
        moveSelection(by: index - (selection.table.selected ?? 0))
    }
}
