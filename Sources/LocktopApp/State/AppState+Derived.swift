/// The derived data rows are drawn from. `update` refreshes it once per message and keeps it
/// in the state; `render` and the key handlers use the kept copy when it is current and work
/// it out afresh otherwise (a state built by hand), so a stale copy never shows.
///
/// With `ordersInBackground`, an order that costs more than a frame (a sort or a filter over
/// thousands of rows) is asked of the runtime instead, and the view's previous order stays
/// on screen, marked "sorting", until it comes back (`AppMessage.orderBuilt`).
extension AppState {
    /// Rows an order may hold and still be built on the UI thread: a sort or filter of a few
    /// thousand rows takes well under a millisecond.
    static let foregroundOrderRows = 4000

    /// The anomaly rules and waiter counts for the current data.
    var currentFacts: SnapshotFacts {
        if let keptFacts, keptFacts.revision == snapshotRevision { return keptFacts }
        return SnapshotFacts(self)
    }

    /// The current view's filtered, sorted rows; `context` must be this state's. While a new
    /// order is being built in the background, the view's previous one (or the natural order).
    func currentOrder(_ context: RowContext) -> RowOrder {
        let inputs = RowOrder.inputs(for: self)
        if let kept = keptOrders[view], kept.inputs == inputs { return kept }
        if ordersInBackground, let pendingOrder, pendingOrder.view == view {
            if let kept = keptOrders[view] { return kept }
            var natural = inputs
            natural.filter = ""
            natural.sort = SortState()
            return RowOrder(natural, context: context)
        }
        return RowOrder(inputs, context: context)
    }

    /// Brings the kept facts and order up to date (only what went stale is redone); returns
    /// the order to build in the background, if one is needed.
    @discardableResult
    mutating func refreshDerived() -> [Effect] {
        keptFacts = currentFacts
        // Other views' orders over older data would keep that data alive: they are redone on return.
        keptOrders = keptOrders.filter { view, order in view == self.view || order.inputs.revision == RowOrder.revision(of: view, in: self) }
        let context = RowContext(self)
        let inputs = RowOrder.inputs(for: self)
        if let kept = keptOrders[view], kept.inputs == inputs {
            if pendingOrder?.view == view { pendingOrder = nil }
            return []
        }
        guard ordersInBackground, !inputs.isNatural,
              RowRecipe.of(view, servers: redlockServerCount).sources(context).count > Self.foregroundOrderRows else {
            keptOrders[view] = RowOrder(inputs, context: context)
            if pendingOrder?.view == view { pendingOrder = nil }
            return []
        }
        guard pendingOrder != inputs else { return [] }
        pendingOrder = inputs
        return [.buildOrder(OrderRequest(inputs: inputs, context: context))]
    }

    /// An order built in the background: shown if it is for what the view asks now (over
    /// the same or older data: better than the one before); still sorting if newer data came meanwhile.
    mutating func install(_ order: RowOrder) {
        let inputs = RowOrder.inputs(for: self)
        guard order.inputs.asks(like: inputs) else { return }
        keptOrders[order.inputs.view] = order
        if pendingOrder == order.inputs { pendingOrder = nil }
    }
}

extension AppState {
    /// How many independent Redlock servers are followed (0 for one server).
    var redlockServerCount: Int { redlock?.servers.count ?? 0 }
}
