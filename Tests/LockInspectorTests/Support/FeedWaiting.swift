import LockInspector
import Testing

extension AsyncStream<FeedUpdate>.Iterator {
    /// Reads updates until a snapshot satisfies `condition`; nil if the feed ended first.
    mutating func snapshot(where condition: (Snapshot) -> Bool) async -> Snapshot? {
        while let update = await next() {
            if case .snapshot(let snapshot) = update, condition(snapshot) { return snapshot }
        }
        return nil
    }

    /// The reason of the first mode the feed reports, if it polls; records an issue if it does not.
    mutating func pollingReason(sourceLocation: SourceLocation = #_sourceLocation) async -> String? {
        let mode = await update { if case .mode = $0 { true } else { false } }
        guard case .mode(.polling(let reason)) = mode else {
            Issue.record("expected polling, got \(String(describing: mode))", sourceLocation: sourceLocation)
            return nil
        }
        return reason
    }

    /// Reads updates until one satisfies `condition`.
    mutating func update(where condition: (FeedUpdate) -> Bool) async -> FeedUpdate? {
        while let update = await next() {
            if condition(update) { return update }
        }
        return nil
    }
}

extension Snapshot {
    func contains(_ key: String) -> Bool { entity(for: Array(key.utf8)) != nil }
}
