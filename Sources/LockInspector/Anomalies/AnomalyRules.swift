import Foundation
import LockKit

/// The anomaly rules: pure functions of a snapshot and the time.
public enum AnomalyRules {
    /// Every anomaly in `snapshot` at `now`, most severe first.
    public static func evaluate(_ snapshot: Snapshot, now: Date, thresholds: AnomalyThresholds = AnomalyThresholds()) -> [Anomaly] {
        let index = AnomalyIndex(snapshot, thresholds: thresholds)
        var found: [Anomaly] = []
        for lock in snapshot.locks { found += index.anomalies(of: .lock(lock), at: now) }
        for queue in snapshot.queues { found += index.anomalies(of: .queue(queue), at: now) }
        for saga in snapshot.sagas { found += index.anomalies(of: .saga(saga), at: now) }
        for transaction in snapshot.transactions { found += index.anomalies(of: .transaction(transaction), at: now) }
        return found.sorted { a, b in
            a.severity != b.severity ? a.severity > b.severity : KeyOrder.precedes(a.key, b.key)
        }
    }

    /// What a rule found, with the figures its message needs; the sentence is written only
    /// when asked for: a view marking 100,000 rows needs the severities, not the sentences.
    struct Finding {
        var kind: Anomaly.Kind
        var severity: Anomaly.Severity
        var figures: Figures

        enum Figures {
            case noTTL
            case ttlOutlier(seconds: Double, factor: Double, median: Double, family: LockFamily)
            case heldTooLong(held: Double, threshold: Double)
            case waitersWithoutHolder(count: Int, resource: String)
            case sagaStuck(id: String, status: String, idle: Double)
            case transactionInDoubt(id: String, state: String, late: Double)
            case ownerGone(owner: String, expires: Bool)
            case holderWithoutTTL(holder: String)
            case permitsOverLimit(used: Int, permits: Int)
            case writerWaiting(writer: String, waited: Double)
        }

        /// One sentence saying what is wrong.
        var message: String {
            switch figures {
            case .noTTL:
                "no TTL: this lock never expires; if its holder died it is stuck until released by hand"
            case .ttlOutlier(let seconds, let factor, let median, let family):
                String(format: "TTL %.0f s is over %.0fx the %.1f s median of %@ locks", seconds, factor, median, family.rawValue)
            case .heldTooLong(let held, let threshold):
                "held for \(WholeNumberText.of(held)) s (threshold \(WholeNumberText.of(threshold)) s)"
            case .waitersWithoutHolder(let count, let resource):
                "\(count) waiter(s) but nobody holds \(resource): the head waiter may be dead"
            case .sagaStuck(let id, let status, let idle):
                String(format: "saga %@ has been %@ for %.0f s without progress", id, status, idle)
            case .transactionInDoubt(let id, let state, let late):
                String(format: "transaction %@ is %@ %.0f s past its deadline: run recovery", id, state, late)
            case .ownerGone(let owner, let expires):
                "\(owner) has no connection open: its owner is gone"
                    + (expires ? "; the lock waits for its TTL" : " and the lock never expires: release it by hand")
            case .holderWithoutTTL(let holder):
                "holder \(holder) has no TTL: if it died its share is stuck until released by hand (d in the detail)"
            case .permitsOverLimit(let used, let permits):
                "\(used) permits held, over the limit of \(permits): the limit was lowered, or a holder ignores it"
            case .writerWaiting(let writer, let waited):
                "writer \(writer) has waited \(WholeNumberText.of(waited)) s: readers or another writer keep the lock"
            }
        }
    }

    /// What the rules need to know about the whole snapshot.
    struct Background: Sendable {
        var thresholds: AnomalyThresholds
        /// Median remaining TTL (seconds) per family with enough locks for a median to mean something.
        var medianTTL: [LockFamily: Double]
        /// Queues with waiters whose resource no lock holds.
        var orphanQueues: Set<[UInt8]>
        /// Which owners still have a connection, when it was read.
        var liveness: Liveness?
    }

    /// The rules for one entity, in a fixed order: no TTL, TTL outlier, held too long (locks);
    /// waiters without holder (queues); stuck (sagas); in doubt (transactions).
    static func findings(_ entity: Entity, now: Date, _ background: Background) -> [Finding] {
        switch entity {
        case .lock(let lock):
            [noTTL(lock), ttlOutlier(lock, background), heldTooLong(lock, now, background.thresholds),
             ownerGone(lock, background.liveness)].compactMap { $0 }
                + sharedLockFindings(lock, now, background.thresholds)
        case .queue(let queue):
            background.orphanQueues.contains(queue.key) ? [waitersWithoutHolder(queue)] : []
        case .saga(let saga):
            stuckSaga(saga, now, background.thresholds).map { [$0] } ?? []
        case .transaction(let transaction):
            inDoubt(transaction, now).map { [$0] } ?? []
        case .stream, .auxiliary, .unknown:
            []
        }
    }

    static func background(_ snapshot: Snapshot, _ thresholds: AnomalyThresholds) -> Background {
        var ttls: [LockFamily: [Double]] = [:]
        for lock in snapshot.locks {
            if case .remaining(let duration) = lock.ttl { ttls[lock.family, default: []].append(duration.secondsValue) }
        }
        var medians: [LockFamily: Double] = [:]
        for (family, values) in ttls where values.count >= thresholds.ttlOutlierMinimumLocks {
            let sorted = values.sorted()
            medians[family] = sorted[sorted.count / 2]
        }
        // Few queues, many locks: look each lock's resource up among the queues' resources.
        let waiting = snapshot.queues.filter { $0.count > 0 }
        var unheld = Set(waiting.map(\.resource))
        if !unheld.isEmpty {
            for lock in snapshot.locks where unheld.contains(lock.resource) { unheld.remove(lock.resource) }
        }
        let orphans = Set(waiting.filter { unheld.contains($0.resource) }.map(\.key))
        return Background(thresholds: thresholds, medianTTL: medians, orphanQueues: orphans, liveness: snapshot.liveness)
    }

    static func noTTL(_ lock: LockEntity) -> Finding? {
        guard lock.ttl == .noExpiry else { return nil }
        return Finding(kind: .noTTL, severity: .critical, figures: .noTTL)
    }

    static func ttlOutlier(_ lock: LockEntity, _ background: Background) -> Finding? {
        guard let median = background.medianTTL[lock.family], median > 0, case .remaining(let duration) = lock.ttl else { return nil }
        let factor = background.thresholds.ttlOutlierFactor
        guard duration.secondsValue > median * factor else { return nil }
        return Finding(kind: .ttlOutlier, severity: .warning,
                       figures: .ttlOutlier(seconds: duration.secondsValue, factor: factor, median: median, family: lock.family))
    }

    static func heldTooLong(_ lock: LockEntity, _ now: Date, _ thresholds: AnomalyThresholds) -> Finding? {
        guard let since = lock.acquiredAt else { return nil }
        let held = now.timeIntervalSince(since)
        guard held > thresholds.heldLongerThan.secondsValue else { return nil }
        return Finding(kind: .heldTooLong, severity: .warning,
                       figures: .heldTooLong(held: held, threshold: thresholds.heldLongerThan.secondsValue))
    }

    /// Critical when the lock never expires (nobody will free it), a warning while its TTL runs.
    static func ownerGone(_ lock: LockEntity, _ liveness: Liveness?) -> Finding? {
        guard let liveness, liveness.status(of: lock) == .gone, let owner = lock.firstOwner else { return nil }
        let expires = lock.ttl != .noExpiry
        let name = owner.host.map { host in owner.pid.map { "\(host) pid \($0)" } ?? host } ?? owner.token
        return Finding(kind: .ownerGone, severity: expires ? .warning : .critical, figures: .ownerGone(owner: name, expires: expires))
    }

    static func waitersWithoutHolder(_ queue: QueueEntity) -> Finding {
        Finding(kind: .waitersWithoutHolder, severity: .warning, figures: .waitersWithoutHolder(count: queue.count, resource: queue.resource))
    }

    static func stuckSaga(_ saga: SagaEntity, _ now: Date, _ thresholds: AnomalyThresholds) -> Finding? {
        guard saga.status == "running" || saga.status == "compensating" || saga.status == "started" else { return nil }
        guard let updated = saga.updatedAt else { return nil }
        let idle = now.timeIntervalSince(updated)
        guard idle > thresholds.sagaStaleAfter.secondsValue else { return nil }
        return Finding(kind: .sagaStuck, severity: saga.status == "compensating" ? .critical : .warning,
                       figures: .sagaStuck(id: saga.id, status: saga.status, idle: idle))
    }

    static func inDoubt(_ transaction: TransactionEntity, _ now: Date) -> Finding? {
        let open = ["preparing", "prepared", "committing", "aborting"]
        guard open.contains(transaction.state), let deadline = transaction.deadline, now > deadline else { return nil }
        return Finding(kind: .transactionInDoubt, severity: .critical,
                       figures: .transactionInDoubt(id: transaction.id, state: transaction.state, late: now.timeIntervalSince(deadline)))
    }

    /// Redlock over several independent servers: a lock key present on fewer than a majority.
    public static func redlockMinority(_ snapshots: [Snapshot]) -> [Anomaly] {
        guard snapshots.count >= 2 else { return [] }
        let quorum = snapshots.count / 2 + 1
        var presence: [[UInt8]: Int] = [:]
        for snapshot in snapshots {
            for lock in snapshot.locks { presence[lock.key, default: 0] += 1 }
        }
        return presence.filter { $0.value < quorum }.keys.sorted { KeyOrder.precedes($0, $1) }.map { key in
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
