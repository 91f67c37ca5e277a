import TerminalUI

extension AppState {
    /// Opens the filter prompt with the current filter to edit.
    mutating func startFilter() {
        filterInput = TextInput(filter)
    }

    /// `s`: the next sortable column, wrapping around.
    mutating func cycleSort() {
        let sortable = ViewRows.sortableColumns(view, servers: redlockServerCount)
        guard let first = sortable.first else {
            statusMessage = "nothing to sort here"
            return
        }
        var current = sort
        current.column = current.column.flatMap { column in sortable.first { $0 > column } } ?? first
        sort = current
        announceSort()
    }

    /// `S`: the other direction (of the natural order when no column is chosen).
    mutating func reverseSort() {
        sort.descending.toggle()
        announceSort()
    }

    private mutating func announceSort() {
        let direction = sort.descending ? "descending" : "ascending"
        let columns = RowRecipe.of(view, servers: redlockServerCount).columns
        if let column = sort.column, columns.indices.contains(column) {
            let title = columns[column].title == "!" ? "anomalies" : columns[column].title
            statusMessage = "sort: \(title) \(direction)"
        } else {
            statusMessage = "sort: natural order \(direction)"
        }
    }

    /// `t`: asks the runtime for the theme after the current one.
    mutating func nextTheme() -> [Effect] {
        let names = session.themeNames
        guard !names.isEmpty else {
            statusMessage = "no themes found"
            return []
        }
        let next = names.firstIndex(of: themeName).map { names[($0 + 1) % names.count] } ?? names[0]
        return [.loadTheme(name: next)]
    }
}
