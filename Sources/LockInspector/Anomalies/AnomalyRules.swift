import Foundation
import LockKit

/// The anomaly rules: pure functions of a snapshot and the time.
public enum AnomalyRules {
    /// Every anomaly in `snapshot` at `now`, most severe first.
    public static func evaluate(_ snapshot: Snapshot, now: Date, thresholds: AnomalyThresholds = AnomalyThresholds()) -> [Anomaly] {
        var found: [Anomaly] = []
        let locks = snapshot.locks
        found += locks.compactMap(noTTL)
        found += ttlOutliers(locks, thresholds)
        found += locks.compactMap { heldTooLong($0, now, thresholds) }
        found += waitersWithoutHolder(snapshot.queues, locks)
        found += snapshot.sagas.compactMap { stuckSaga($0, now, thresholds) }
        found += snapshot.transactions.compactMap { inDoubt($0, now) }
        return found.sorted { a, b in
            a.severity != b.severity ? a.severity > b.severity : KeyOrder.precedes(a.key, b.key)
        }
    }

    static func noTTL(_ lock: LockEntity) -> Anomaly? {
        guard lock.ttl == .noExpiry else { return nil }
        return Anomaly(key: lock.key, kind: .noTTL, severity: .critical,
                       message: "no TTL: this lock never expires; if its holder died it is stuck until released by hand")
    }

    static func ttlOutliers(_ locks: [LockEntity], _ thresholds: AnomalyThresholds) -> [Anomaly] {
        var found: [Anomaly] = []
        for (family, members) in Dictionary(grouping: locks, by: \.family) {
            let ttls = members.compactMap { lock -> Double? in
                if case .remaining(let duration) = lock.ttl { return duration.secondsValue }
                return nil
            }.sorted()
            guard ttls.count >= thresholds.ttlOutlierMinimumLocks else { continue }
            let median = ttls[ttls.count / 2]
            guard median > 0 else { continue }
            for lock in members {
                guard case .remaining(let duration) = lock.ttl, duration.secondsValue > median * thresholds.ttlOutlierFactor else { continue }
                found.append(Anomaly(key: lock.key, kind: .ttlOutlier, severity: .warning,
                                     message: String(format: "TTL %.0f s is over %.0fx the %.1f s median of %@ locks",
                                                     duration.secondsValue, thresholds.ttlOutlierFactor, median, family.rawValue)))
            }
        }
        return found
    }

    static func heldTooLong(_ lock: LockEntity, _ now: Date, _ thresholds: AnomalyThresholds) -> Anomaly? {
        guard let since = lock.owners.compactMap(\.acquiredAt).min() else { return nil }
        let held = now.timeIntervalSince(since)
        guard held > thresholds.heldLongerThan.secondsValue else { return nil }
        return Anomaly(key: lock.key, kind: .heldTooLong, severity: .warning,
                       message: "held for \(WholeNumberText.of(held)) s (threshold \(WholeNumberText.of(thresholds.heldLongerThan.secondsValue)) s)")
    }

    static func waitersWithoutHolder(_ queues: [QueueEntity], _ locks: [LockEntity]) -> [Anomaly] {
        let held = Set(locks.map(\.resource))
        return queues.compactMap { queue in
            guard queue.count > 0, !held.contains(queue.resource) else { return nil }
            return Anomaly(key: queue.key, kind: .waitersWithoutHolder, severity: .warning,
                           message: "\(queue.count) waiter(s) but nobody holds \(queue.resource): the head waiter may be dead")
        }
    }

    static func stuckSaga(_ saga: SagaEntity, _ now: Date, _ thresholds: AnomalyThresholds) -> Anomaly? {
        guard saga.status == "running" || saga.status == "compensating" || saga.status == "started" else { return nil }
        guard let updated = saga.updatedAt else { return nil }
        let idle = now.timeIntervalSince(updated)
        guard idle > thresholds.sagaStaleAfter.secondsValue else { return nil }
        return Anomaly(key: saga.key, kind: .sagaStuck, severity: saga.status == "compensating" ? .critical : .warning,
                       message: String(format: "saga %@ has been %@ for %.0f s without progress", saga.id, saga.status, idle))
    }

    static func inDoubt(_ transaction: TransactionEntity, _ now: Date) -> Anomaly? {
        let open = ["preparing", "prepared", "committing", "aborting"]
        guard open.contains(transaction.state), let deadline = transaction.deadline, now > deadline else { return nil }
        return Anomaly(key: transaction.key, kind: .transactionInDoubt, severity: .critical,
                       message: String(format: "transaction %@ is %@ %.0f s past its deadline: run recovery",
                                       transaction.id, transaction.state, now.timeIntervalSince(deadline)))
    }

    /// Redlock over several independent servers: a lock key present on fewer than a majority.
    public static func redlockMinority(_ snapshots: [Snapshot]) -> [Anomaly] {
        guard snapshots.count >= 2 else { return [] }
        let quorum = snapshots.count / 2 + 1
        var presence: [[UInt8]: Int] = [:]
        for snapshot in snapshots {
            for lock in snapshot.locks { presence[lock.key, default: 0] += 1 }
        }
        return presence.filter { $0.value < quorum }.keys.sorted { $0.lexicographicallyPrecedes($1) }.map { key in
            Anomaly(key: key, kind: .redlockMinority, severity: .warning,
                    message: "held on \(presence[key] ?? 0) of \(snapshots.count) servers: no quorum, nobody safely owns it")
        }
    }
}

extension Duration {
    var secondsValue: Double {
        let (seconds, attoseconds) = components
        return Double(seconds) + Double(attoseconds) / 1e18
    }
}
