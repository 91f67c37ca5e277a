import LockInspector

extension AsyncStream<FeedUpdate>.Iterator {
    /// Reads updates until a snapshot satisfies `condition`; nil if the feed ended first.
    mutating func snapshot(where condition: (Snapshot) -> Bool) async -> Snapshot? {
        while let update = await next() {
            if case .snapshot(let snapshot) = update, condition(snapshot) { return snapshot }
        }
        return nil
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
