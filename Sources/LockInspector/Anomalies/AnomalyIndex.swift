import Foundation

/// The anomaly rules prepared for one snapshot, to ask about single keys at any time: what a
/// dashboard needs, which marks the rows on screen and explains the selected one, and must not
/// evaluate every rule over 100,000 locks on every tick.
///
/// The snapshot-wide part (TTL medians, queues nobody holds) is worked out once here; the
/// rules that depend on the time are applied when asked.
public struct AnomalyIndex: Sendable {
    private let snapshot: Snapshot
    private let background: AnomalyRules.Background

    /// The rules prepared for `snapshot`.
    public init(_ snapshot: Snapshot, thresholds: AnomalyThresholds = AnomalyThresholds()) {
        self.snapshot = snapshot
        background = AnomalyRules.background(snapshot, thresholds)
    }

    /// The most severe anomaly on `key` at `now`, or nil; no message is written.
    public func worstSeverity(of key: [UInt8], at now: Date) -> Anomaly.Severity? {
        snapshot.entity(for: key).flatMap { worstSeverity(of: $0, at: now) }
    }

    /// The most severe anomaly on `entity`, one of this snapshot's, at `now` (no look-up by key).
    public func worstSeverity(of entity: Entity, at now: Date) -> Anomaly.Severity? {
        AnomalyRules.findings(entity, now: now, background).map(\.severity).max()
    }

    /// Every anomaly on `key` at `now`, most severe first.
    public func anomalies(of key: [UInt8], at now: Date) -> [Anomaly] {
        guard let entity = snapshot.entity(for: key) else { return [] }
        return anomalies(of: entity, at: now).sorted { $0.severity > $1.severity }
    }

    /// Every anomaly on `entity` (one of this snapshot's) at `now`, in rule order.
    func anomalies(of entity: Entity, at now: Date) -> [Anomaly] {
        AnomalyRules.findings(entity, now: now, background).map { finding in
            Anomaly(key: entity.key, kind: finding.kind, severity: finding.severity, message: finding.message)
        }
    }
}
