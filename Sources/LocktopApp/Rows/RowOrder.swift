import LockInspector

/// A view's rows after the filter and the sort, as sources. Derived data: `update` keeps the
/// current one in the state, so neither a tick nor a frame filters and sorts every row again.
public struct RowOrder: Sendable {
    /// Everything the order depends on; an order is current while its state has the same.
    public struct Inputs: Sendable, Hashable {
        /// The events' revision for the Events view, the snapshot's for the others.
        var revision: DataRevision
        var view: AppView
        /// Redlock servers, which decide the Redlock view's columns.
        var servers: Int
        var filter: String
        var sort: SortState
        /// The clock's second, only when sorting by anomalies (the other sort keys ignore the clock).
        var anomalySecond: Int64?

        /// The same view, filter and sort (the data may be newer): an order for `other` shows what was asked.
        func asks(like other: Inputs) -> Bool {
            view == other.view && servers == other.servers && filter == other.filter && sort == other.sort
        }

        /// No filter and no sort: the data's own order, which costs nothing to list.
        var isNatural: Bool { filter.isEmpty && sort == SortState() }
    }

    var inputs: Inputs
    var sources: RowList
    /// The data the sources point into. An order built in the background is shown until the
    /// next one is ready, maybe over newer data: its rows are read from the data it was built on.
    var snapshot: Snapshot
    var events: [LiveEvent]
    var redlock: RedlockReport?

    /// Filters and sorts the rows of `inputs.view` from `context` (whose data must be `inputs.revision`'s).
    init(_ inputs: Inputs, context: RowContext) {
        self.inputs = inputs
        snapshot = context.snapshot
        events = context.events
        redlock = context.redlock
        let recipe = RowRecipe.of(inputs.view, servers: inputs.servers)
        let natural = recipe.sources(context)
        let filter = RowFilter(inputs.filter)
        let sort = inputs.sort
        let sorted = sort.column.map { $0 < recipe.columns.count } ?? false
        guard !filter.matchesEverything || sorted || sort.descending else {
            sources = natural
            return
        }
        var sources = natural.sources
        if !filter.matchesEverything {
            sources = sources.filter { filter.matches(recipe.searchText($0, context)) }
        }
        if let column = sort.column, column < recipe.columns.count {
            let keys = sources.map { recipe.sortKey($0, column, context) }
            // Stable: equal keys keep the natural order, so rows do not jump around.
            let descending = sort.descending
            let positions = keys.indices.sorted { a, b in
                let order = SortKey.compare(keys[a], keys[b], descending: descending)
                return order != 0 ? order < 0 : a < b
            }
            sources = positions.map { sources[$0] }
        } else if sort.descending {
            sources.reverse()
        }
        self.sources = RowList(sources)
    }

    /// The revision of the data `view` lists in `state`.
    static func revision(of view: AppView, in state: AppState) -> DataRevision {
        switch view {
        case .events: state.eventsRevision
        case .redlock: state.redlockRevision
        default: state.snapshotRevision
        }
    }

    /// What an order for `state` depends on now.
    static func inputs(for state: AppState) -> Inputs {
        let sort = state.sort
        let byAnomalies = sort.column.map { RowRecipe.of(state.view, servers: state.redlockServerCount).anomalyColumns.contains($0) } ?? false
        return Inputs(revision: revision(of: state.view, in: state), view: state.view, servers: state.redlockServerCount, filter: state.filter, sort: sort,
                      anomalySecond: byAnomalies ? SnapshotFacts.sortSecond(state.shownNow) : nil)
    }
}
