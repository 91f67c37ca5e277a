import LockInspector
import TerminalUI

/// How one view lists its rows: its columns, its rows in natural order (as `RowSource`s), and
/// how a source becomes a row, a filter text or a sort key. Type-erased over the view's item
/// so `ViewRows` treats every view alike.
struct RowRecipe: Sendable {
    var columns: [TableColumn]
    /// The column drawn as a TTL bar, if any.
    var barColumn: Int?
    /// Columns `s` cycles through.
    var sortableColumns: [Int]
    /// Columns whose order follows the anomalies (and so the clock).
    var anomalyColumns: Set<Int>
    /// Every row, in the view's natural order.
    var sources: @Sendable (RowContext) -> RowList
    /// The row for a source, or nil when the source does not belong to this context's data.
    var row: @Sendable (RowSource, RowContext) -> ListedRow?
    /// The row's id without building the row (selection anchoring scans many).
    var id: @Sendable (RowSource, RowContext) -> [UInt8]?
    /// What the filter matches against.
    var searchText: @Sendable (RowSource, RowContext) -> String
    /// The sort key of a source for a column.
    var sortKey: @Sendable (RowSource, Int, RowContext) -> SortKey

    /// A recipe over items of type `Item`, which `item` reads from the context's data.
    init<Item>(
        columns: [RowColumn<Item>], barColumn: Int? = nil,
        sources: @escaping @Sendable (RowContext) -> RowList,
        item: @escaping @Sendable (RowSource, RowContext) -> Item?,
        id: @escaping @Sendable (Item) -> [UInt8],
        searchText: @escaping @Sendable (Item) -> String,
        look: @escaping @Sendable (Item, RowContext) -> (subject: RowSubject, role: Theme.Role?, barFraction: Double?)
    ) {
        self.columns = columns.map(\.column)
        self.barColumn = barColumn
        sortableColumns = columns.indices.filter { columns[$0].sortKey != nil }
        anomalyColumns = Set(columns.indices.filter { columns[$0].sortsByAnomalies })
        self.sources = sources
        row = { source, context in
            guard let value = item(source, context) else { return nil }
            let shown = look(value, context)
            return ListedRow(id: id(value), subject: shown.subject, cells: columns.map { $0.cell(value, context) },
                             role: shown.role, barFraction: shown.barFraction)
        }
        self.id = { source, context in item(source, context).map(id) }
        self.searchText = { source, context in item(source, context).map(searchText) ?? "" }
        sortKey = { source, column, context in
            guard columns.indices.contains(column), let sortKey = columns[column].sortKey,
                  let value = item(source, context) else { return .missing }
            return sortKey(value, context)
        }
    }

    /// The recipe of `view` with `servers` Redlock servers (0 for one server); the simulator has no rows.
    static func of(_ view: AppView, servers: Int) -> RowRecipe {
        switch view {
        case .locks: LockRow.recipe
        case .queues: QueueRow.recipe
        case .transactions: TransactionRow.recipe
        case .streams: StreamRow.recipe
        case .events: EventRow.recipe
        case .simulator: empty
        case .redlock: RedlockRow.recipe(servers: servers)
        }
    }

    /// No columns and no rows (the item type is never used).
    private static let empty = RowRecipe(
        columns: [RowColumn<LiveEvent>](), sources: { _ in RowList([]) }, item: { _, _ in nil }, id: { _ in [] }, searchText: { _ in "" },
        look: { event, _ in (.event(event), nil, nil) })
}
