import Foundation
import LockInspector
import LockKit

/// What rows are built from: the data, the clock, TTL totals, and the snapshot-wide facts.
struct RowContext: Sendable {
    var snapshot: Snapshot
    var events: [LiveEvent]
    var now: Date
    /// How long ago the snapshot was taken: TTLs read then have run down by this much.
    var snapshotAge: Duration
    var ttlTotals: TTLTotals
    var facts: SnapshotFacts
    var timeZone: TimeZone
    /// The Redlock servers side by side, when several are followed.
    var redlock: RedlockReport?

    /// The context for `state`, with its facts (the kept ones when current).
    init(_ state: AppState) {
        snapshot = state.snapshot
        events = state.events
        now = state.shownNow
        let age = state.snapshot.takenAt == .distantPast ? 0 : max(0, now.timeIntervalSince(state.snapshot.takenAt))
        snapshotAge = .milliseconds(Int64((age * 1000).rounded()))
        ttlTotals = state.ttlTotals
        facts = state.currentFacts
        timeZone = state.timeZone
        redlock = state.redlock
    }

    /// Waiters per locked resource, summed over its queues.
    var waiters: [String: Int] { facts.waiters }

    /// The TTL now, counted down from what the snapshot read.
    func remaining(_ ttl: LockTTL) -> Duration? {
        guard case .remaining(let read) = ttl else { return nil }
        return max(.zero, read - snapshotAge)
    }

    /// The most severe anomaly on `entity` (one of the snapshot's) now.
    func worst(_ entity: Entity) -> Anomaly.Severity? {
        facts.anomalies.worstSeverity(of: entity, at: now)
    }

    /// Every anomaly on `key` now, most severe first.
    func anomalies(of key: [UInt8]) -> [Anomaly] {
        facts.anomalies.anomalies(of: key, at: now)
    }

    /// The anomaly mark for `entity`: `!` coloured by severity, or blank.
    func mark(_ entity: Entity) -> RowCell {
        switch worst(entity) {
        case .critical: RowCell("!", role: .critical)
        case .warning: RowCell("!", role: .warning)
        case nil: RowCell("")
        }
    }

    /// Severity as a number, at the start of the current second (see `SnapshotFacts.sortSecond`).
    func markSort(_ entity: Entity) -> SortKey {
        let second = Date(timeIntervalSince1970: TimeInterval(SnapshotFacts.sortSecond(now)))
        return switch facts.anomalies.worstSeverity(of: entity, at: second) {
        case .critical: .number(2)
        case .warning: .number(1)
        case nil: .number(0)
        }
    }
}
