import TerminalUI

/// The rows a view shows now: filtered and sorted as sources, built into `ListedRow`s one at
/// a time on demand. Shared by `update` (selection, actions) and `render`, so both always
/// agree on what row N is.
struct ViewRows {
    let recipe: RowRecipe
    let context: RowContext
    /// The rows in the order shown.
    let sources: RowList

    /// The rows of `state`'s current view.
    init(_ state: AppState) {
        self.init(state, context: RowContext(state))
    }

    /// The rows of `state`'s current view; `context` must be `RowContext(state)`.
    init(_ state: AppState, context: RowContext) {
        recipe = RowRecipe.of(state.view, servers: state.redlockServerCount)
        let order = state.currentOrder(context)
        // The order's own data: a background order still on screen may predate the snapshot.
        var context = context
        context.snapshot = order.snapshot
        context.events = order.events
        context.redlock = order.redlock
        self.context = context
        sources = order.sources
    }

    var columns: [TableColumn] { recipe.columns }

    /// The column drawn as a TTL bar, if any.
    var barColumn: Int? { recipe.barColumn }

    var count: Int { sources.count }

    /// Row `index` in the order shown, built now.
    func row(at index: Int) -> ListedRow? {
        guard sources.indices.contains(index) else { return nil }
        return recipe.row(sources[index], context)
    }

    /// The id of row `index`, without building the row.
    func id(at index: Int) -> [UInt8]? {
        guard sources.indices.contains(index) else { return nil }
        return recipe.id(sources[index], context)
    }

    /// The rows in `range` (clamped), built now: what a screen shows.
    func rows(in range: Range<Int>) -> [ListedRow] {
        sources.indices.clamped(to: range).compactMap { recipe.row(sources[$0], context) }
    }

    /// Every row, built now. For tests and small views: a view may hold 100,000 rows.
    func allRows() -> [ListedRow] {
        rows(in: sources.indices)
    }

    /// Which columns `s` cycles through.
    static func sortableColumns(_ view: AppView, servers: Int) -> [Int] {
        RowRecipe.of(view, servers: servers).sortableColumns
    }

    /// Where the row with `id` is shown, if it is; `hint` is checked first (the row's last place).
    func index(of id: [UInt8], hint: Int? = nil) -> Int? {
        if let hint, self.id(at: hint) == id { return hint }
        return sources.indices.first { recipe.id(sources[$0], context) == id }
    }

    /// The selected row of `selection`, if any.
    func selected(_ selection: ViewSelection) -> ListedRow? {
        selection.table.selected.flatMap(row(at:))
    }
}
