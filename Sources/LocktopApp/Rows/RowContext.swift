import Foundation
import LockInspector
import LockKit

/// What rows need beyond their entity: the clock, TTL totals, anomalies and queue sizes.
struct RowContext: Sendable {
    var now: Date
    /// How long ago the snapshot was taken: TTLs read then have run down by this much.
    var snapshotAge: Duration
    var ttlTotals: [[UInt8]: Duration]
    var anomalies: [[UInt8]: [Anomaly]]
    /// Waiters per locked resource, summed over its queues.
    var waiters: [String: Int]
    var timeZone: TimeZone

    init(_ state: AppState) {
        now = state.now
        let age = state.snapshot.takenAt == .distantPast ? 0 : max(0, state.now.timeIntervalSince(state.snapshot.takenAt))
        snapshotAge = .milliseconds(Int64((age * 1000).rounded()))
        ttlTotals = state.ttlTotals
        anomalies = Dictionary(grouping: AnomalyRules.evaluate(state.snapshot, now: state.now), by: \.key)
        waiters = state.snapshot.queues.reduce(into: [:]) { $0[$1.resource, default: 0] += $1.count }
        timeZone = state.timeZone
    }

    /// The TTL now, counted down from what the snapshot read.
    func remaining(_ ttl: LockTTL) -> Duration? {
        guard case .remaining(let read) = ttl else { return nil }
        return max(.zero, read - snapshotAge)
    }

    /// The most severe anomaly on `key`.
    func worst(_ key: [UInt8]) -> Anomaly.Severity? {
        anomalies[key]?.map(\.severity).max()
    }

    /// The anomaly mark for `key`: `!` coloured by severity, or blank.
    func mark(_ key: [UInt8]) -> RowCell {
        switch worst(key) {
        case .critical: RowCell("!", role: .critical)
        case .warning: RowCell("!", role: .warning)
        case nil: RowCell("")
        }
    }

    func markSort(_ key: [UInt8]) -> SortKey {
        switch worst(key) {
        case .critical: .number(2)
        case .warning: .number(1)
        case nil: .number(0)
        }
    }
}
