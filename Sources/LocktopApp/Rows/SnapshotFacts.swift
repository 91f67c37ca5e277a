import Foundation
import LockInspector

/// What rows need from the whole snapshot rather than from their own entity: the anomalies
/// and the waiters per resource. Derived data: `update` keeps one current in the state so no
/// frame evaluates every rule over every lock.
struct SnapshotFacts: Sendable {
    /// The data revision and clock second these facts were worked out for.
    struct Stamp: Sendable, Hashable {
        var revision: DataRevision
        var second: Int64
    }

    var stamp: Stamp
    var anomalies: [[UInt8]: [Anomaly]]
    /// Waiters per locked resource, summed over its queues.
    var waiters: [String: Int]

    /// The facts for `state`'s data at `state.now`.
    ///
    /// Time rules (held too long, stuck sagas) are evaluated at the start of the clock's
    /// current second, so the facts are a function of the data and that second only: a copy
    /// kept from an earlier message is exactly what a fresh evaluation would give.
    init(_ state: AppState) {
        stamp = Self.stamp(for: state)
        let now = Date(timeIntervalSince1970: TimeInterval(stamp.second))
        anomalies = Dictionary(grouping: AnomalyRules.evaluate(state.snapshot, now: now), by: \.key)
        waiters = state.snapshot.queues.reduce(into: [:]) { $0[$1.resource, default: 0] += $1.count }
    }

    static func stamp(for state: AppState) -> Stamp {
        let seconds = state.now.timeIntervalSince1970.rounded(.down)
        // Dates far outside Int64 seconds (distantFuture is fine) only happen in hand-made states.
        let second = seconds.isFinite && abs(seconds) < 9e18 ? Int64(seconds) : 0
        return Stamp(revision: state.dataRevision, second: second)
    }
}
