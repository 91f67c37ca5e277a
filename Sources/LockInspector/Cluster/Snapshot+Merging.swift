import Foundation

extension Snapshot {
    /// One snapshot of several servers' keys (a cluster's masters hold disjoint keys), as
    /// old as the oldest of them; of two entities with the same key the later part's wins.
    public static func merging(_ parts: [Snapshot]) -> Snapshot {
        guard parts.count > 1 else { return parts.first ?? .empty }
        var sorted = SortedEntities()
        for part in parts {
            for lock in part.locks { sorted.append(.lock(lock)) }
            for queue in part.queues { sorted.append(.queue(queue)) }
            for transaction in part.transactions { sorted.append(.transaction(transaction)) }
            for saga in part.sagas { sorted.append(.saga(saga)) }
            for stream in part.streams { sorted.append(.stream(stream)) }
            for other in part.others { sorted.append(other) }
        }
        let takenAt = parts.map(\.takenAt).min() ?? Date()
        return Snapshot(takenAt: takenAt, scannedKeys: parts.reduce(0) { $0 + $1.scannedKeys }, sorted: sorted)
    }
}
