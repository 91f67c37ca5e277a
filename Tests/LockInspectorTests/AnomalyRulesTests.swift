import Foundation
import LockInspector
import LockKit
import Testing

@Suite struct AnomalyRulesTests {
    let now = Date(timeIntervalSince1970: 2_000_000_000)

    func lock(_ name: String, ttl: LockTTL, family: LockFamily = .locktop, acquired: Date? = nil) -> (key: [UInt8], entity: Entity) {
        let key = Array(name.utf8)
        let owner = LockOwner(token: "t", acquiredAt: acquired)
        return (key, .lock(LockEntity(key: key, resource: name, family: family, owners: [owner], ttl: ttl)))
    }

    func snapshot(_ items: [(key: [UInt8], entity: Entity)]) -> Snapshot {
        Snapshot(takenAt: now, entities: Dictionary(items.map { ($0.key, $0.entity) }, uniquingKeysWith: { a, _ in a }), scannedKeys: items.count)
    }

    func kinds(_ anomalies: [Anomaly], for name: String) -> Set<Anomaly.Kind> {
        Set(anomalies.filter { $0.key == Array(name.utf8) }.map(\.kind))
    }

    @Test func lockWithoutTTLIsCritical() {
        let found = AnomalyRules.evaluate(snapshot([lock("a", ttl: .noExpiry)]), now: now)
        #expect(found.first?.kind == .noTTL)
        #expect(found.first?.severity == .critical)
    }

    @Test func ttlFarAboveItsFamilysMedianIsFlagged() {
        let items = [lock("a", ttl: .remaining(.seconds(10))), lock("b", ttl: .remaining(.seconds(12))),
                     lock("c", ttl: .remaining(.seconds(11))), lock("d", ttl: .remaining(.seconds(3600)))]
        let found = AnomalyRules.evaluate(snapshot(items), now: now)
        #expect(kinds(found, for: "d") == [.ttlOutlier])
        #expect(kinds(found, for: "a").isEmpty)
    }

    @Test func outliersNeedEnoughLocksInTheFamily() {
        let items = [lock("a", ttl: .remaining(.seconds(10))), lock("d", ttl: .remaining(.seconds(3600)))]
        #expect(AnomalyRules.evaluate(snapshot(items), now: now).isEmpty)
    }

    @Test func heldLongerThanTheThreshold() {
        let items = [lock("old", ttl: .remaining(.seconds(30)), acquired: now.addingTimeInterval(-600)),
                     lock("new", ttl: .remaining(.seconds(30)), acquired: now.addingTimeInterval(-10))]
        let found = AnomalyRules.evaluate(snapshot(items), now: now)
        #expect(kinds(found, for: "old") == [.heldTooLong])
        #expect(kinds(found, for: "new").isEmpty)
    }

    @Test func queueWithWaitersAndNoHolder() {
        let queueKey = Array("lock:queue:{job}".utf8)
        let queue = Entity.queue(QueueEntity(key: queueKey, resource: "job", family: .locktop,
                                             waiters: [Waiter(member: "w", rank: 0, score: 1)], count: 1))
        #expect(kinds(AnomalyRules.evaluate(snapshot([(queueKey, queue)]), now: now), for: "lock:queue:{job}") == [.waitersWithoutHolder])
        let held = lock("lock:{job}", ttl: .remaining(.seconds(5)))
        var heldEntity = held.entity
        if case .lock(var entity) = heldEntity { entity.resource = "job"; heldEntity = .lock(entity) }
        #expect(AnomalyRules.evaluate(snapshot([(queueKey, queue), (held.key, heldEntity)]), now: now).isEmpty)
    }

    @Test func sagaCompensatingWithoutUpdatesIsStuck() {
        let key = Array("saga:order:{1}".utf8)
        let stale = Entity.saga(SagaEntity(key: key, name: "order", id: "1", status: "compensating", steps: [],
                                           updatedAt: now.addingTimeInterval(-120), ttl: .remaining(.seconds(3600))))
        let fresh = Entity.saga(SagaEntity(key: key, name: "order", id: "1", status: "compensating", steps: [],
                                           updatedAt: now.addingTimeInterval(-5), ttl: .remaining(.seconds(3600))))
        let done = Entity.saga(SagaEntity(key: key, name: "order", id: "1", status: "completed", steps: [],
                                          updatedAt: now.addingTimeInterval(-9999), ttl: .remaining(.seconds(3600))))
        #expect(AnomalyRules.evaluate(snapshot([(key, stale)]), now: now).map(\.kind) == [.sagaStuck])
        #expect(AnomalyRules.evaluate(snapshot([(key, fresh)]), now: now).isEmpty)
        #expect(AnomalyRules.evaluate(snapshot([(key, done)]), now: now).isEmpty)
    }

    @Test func preparedTransactionPastItsDeadlineIsInDoubt() {
        let key = Array("tx:{t1}".utf8)
        let late = Entity.transaction(TransactionEntity(key: key, id: "t1", state: "prepared", participants: ["a"],
                                                        deadline: now.addingTimeInterval(-1), updatedAt: nil, ttl: .noExpiry))
        let committed = Entity.transaction(TransactionEntity(key: key, id: "t1", state: "committed", participants: ["a"],
                                                             deadline: now.addingTimeInterval(-1), updatedAt: nil, ttl: .noExpiry))
        #expect(AnomalyRules.evaluate(snapshot([(key, late)]), now: now).map(\.kind) == [.transactionInDoubt])
        #expect(AnomalyRules.evaluate(snapshot([(key, committed)]), now: now).isEmpty)
    }

    @Test func redlockKeyOnAMinorityOfServers() {
        let a = snapshot([lock("lock:{r}", ttl: .remaining(.seconds(5)))])
        let empty = snapshot([])
        #expect(AnomalyRules.redlockMinority([a, empty, empty]).map(\.kind) == [.redlockMinority])
        #expect(AnomalyRules.redlockMinority([a, a, empty]).isEmpty)
    }

    @Test func mostSevereComesFirst() {
        let items = [lock("a", ttl: .remaining(.seconds(30)), acquired: now.addingTimeInterval(-600)), lock("b", ttl: .noExpiry)]
        #expect(AnomalyRules.evaluate(snapshot(items), now: now).first?.severity == .critical)
    }
}
