import TerminalUI

extension AppState {
    /// Rows a page key moves by: the table rows on screen now.
    var pageSize: Int { max(1, ScreenLayout(self, size: size).visibleRows) }

    mutating func moveSelection(by delta: Int) {
        let rows = ViewRows(self)
        var current = selection
        current.table.moveSelection(by: delta, rowCount: rows.count)
        current.id = current.table.selected.flatMap(rows.id(at:))
        selection = current
        holderCursor = 0
    }

    mutating func switchView(by step: Int) {
        let count = AppView.allCases.count
        view = AppView(rawValue: ((view.rawValue + step) % count + count) % count) ?? .locks
    }

    mutating func pickView(_ key: KeyEvent) {
        guard case .character(let character) = key, let number = character.wholeNumberValue,
              let picked = AppView(rawValue: number - 1) else { return }
        view = picked
    }

    mutating func toggleDetail() {
        guard view != .simulator else { return }
        showsDetail.toggle()
    }

    /// Esc closes the innermost thing open: the detail pane, then the marks, then the filter;
    /// in the Simulator view it stops a running simulation.
    mutating func escape() -> [Effect] {
        if view == .simulator, simulator.isRunning { return stopSimulation() }
        if showsDetail {
            showsDetail = false
        } else if !marked.isEmpty {
            marked = []
            statusMessage = "marks cleared"
        } else if !filter.isEmpty {
            filter = ""
        }
        return []
    }

    /// Puts the selection back on its row's id after the rows changed, or on the nearest row
    /// when that row is gone, and scrolls so it stays visible.
    ///
    /// Cheap when nothing moved (a tick): the row at the selected index is checked first, and
    /// only when it holds another id are the rows searched.
    mutating func anchorSelection() {
        let rows = ViewRows(self)
        var current = selection
        if rows.count == 0 {
            current.table = TableState()
        } else if let id = current.id, let index = rows.index(of: id, hint: current.table.selected) {
            current.table.selected = index
        } else {
            let index = min(max(current.table.selected ?? 0, 0), rows.count - 1)
            current.table.selected = index
            current.id = rows.id(at: index)
        }
        current.table = current.table.scrolled(visibleRows: ScreenLayout(self, size: size).visibleRows, rowCount: rows.count)
        if current != selection { selection = current }
    }
}
