import Foundation
import LockInspector

/// What rows need from the whole snapshot rather than from their own entity: the anomaly
/// rules prepared for it, and the waiters per resource. Derived from the data alone (not the
/// clock): `update` keeps the current one in the state, so no frame or tick redoes it.
struct SnapshotFacts: Sendable {
    /// The snapshot these facts were worked out for.
    var revision: DataRevision
    var anomalies: AnomalyIndex
    /// Waiters per locked resource, summed over its queues.
    var waiters: [String: Int]

    /// The facts for `state`'s data.
    init(_ state: AppState) {
        revision = state.snapshotRevision
        anomalies = AnomalyIndex(state.snapshot)
        waiters = state.snapshot.queues.reduce(into: [:]) { $0[$1.resource, default: 0] += $1.count }
    }

    /// The start of `now`'s second: the clock an order by anomalies is sorted at, so that the
    /// order is a function of the data and that second, whenever it is worked out.
    static func sortSecond(_ now: Date) -> Int64 {
        let seconds = now.timeIntervalSince1970.rounded(.down)
        // Only hand-made states have dates beyond Int64 seconds.
        return seconds.isFinite && abs(seconds) < 9e18 ? Int64(seconds) : 0
    }
}
