import TerminalUI

/// The rows a view shows now: built from the state, filtered, sorted. Shared by `update`
/// (selection, actions) and `render`, so both always agree on what row N is.
struct ViewRows {
    var columns: [TableColumn]
    var rows: [ListedRow]
    /// The column drawn as a TTL bar, if any.
    var barColumn: Int?

    init(_ state: AppState) {
        self.init(state, context: RowContext(state))
    }

    init(_ state: AppState, context: RowContext) {
        var all: [ListedRow]
        switch state.view {
        case .locks:
            columns = LockRow.columns.map(\.column)
            all = LockRow.rows(state.snapshot, context)
            barColumn = LockRow.ttlColumn
        case .queues:
            columns = QueueRow.columns.map(\.column)
            all = QueueRow.rows(state.snapshot, context)
        case .transactions:
            columns = TransactionRow.columns.map(\.column)
            all = TransactionRow.rows(state.snapshot, context)
        case .streams:
            columns = StreamRow.columns.map(\.column)
            all = StreamRow.rows(state.snapshot, context)
        case .events:
            columns = EventRow.columns.map(\.column)
            all = EventRow.rows(state.events, context)
        case .simulator:
            columns = []
            all = []
        }
        let filter = RowFilter(state.filter)
        all = all.filter { filter.matches($0.searchText) }
        let sort = state.sorts[state.view] ?? SortState()
        if let column = sort.column, column < columns.count {
            // Stable: equal keys keep the natural order, so rows do not jump around.
            all = all.enumerated().sorted { a, b in
                let left = a.element.sortKeys[column], right = b.element.sortKeys[column]
                if left == right { return a.offset < b.offset }
                if left == .missing || right == .missing { return right == .missing }
                return sort.descending ? left > right : left < right
            }.map(\.element)
        } else if sort.descending {
            all.reverse()
        }
        rows = all
    }

    /// Which columns `s` cycles through.
    static func sortableColumns(_ view: AppView) -> [Int] {
        func sortable<Item>(_ columns: [RowColumn<Item>]) -> [Int] {
            columns.indices.filter { columns[$0].sortKey != nil }
        }
        return switch view {
        case .locks: sortable(LockRow.columns)
        case .queues: sortable(QueueRow.columns)
        case .transactions: sortable(TransactionRow.columns)
        case .streams: sortable(StreamRow.columns)
        case .events: sortable(EventRow.columns)
        case .simulator: []
        }
    }

    /// The row with `id`, if shown.
    func index(of id: [UInt8]) -> Int? {
        rows.firstIndex { $0.id == id }
    }

    /// The selected row of `selection`, if any.
    func selected(_ selection: ViewSelection) -> ListedRow? {
        guard let index = selection.table.selected, rows.indices.contains(index) else { return nil }
        return rows[index]
    }
}
