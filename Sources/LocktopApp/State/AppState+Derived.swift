/// The derived data rows are drawn from. `update` refreshes it once per message and keeps it
/// in the state; `render` and the key handlers use the kept copy when it is current and work
/// it out afresh otherwise (a state built by hand), so a stale copy never shows.
extension AppState {
    /// The anomaly rules and waiter counts for the current data.
    var currentFacts: SnapshotFacts {
        if let keptFacts, keptFacts.revision == snapshotRevision { return keptFacts }
        return SnapshotFacts(self)
    }

    /// The current view's filtered, sorted rows; `context` must be this state's.
    func currentOrder(_ context: RowContext) -> RowOrder {
        let inputs = RowOrder.inputs(for: self)
        if let keptOrder, keptOrder.inputs == inputs { return keptOrder }
        return RowOrder(inputs, context: context)
    }

    /// Brings the kept facts and order up to date (only what went stale is redone).
    mutating func refreshDerived() {
        keptFacts = currentFacts
        keptOrder = currentOrder(RowContext(self))
    }
}

extension AppState {
    /// How many independent Redlock servers are followed (0 for one server).
    var redlockServerCount: Int { redlock?.servers.count ?? 0 }
}
