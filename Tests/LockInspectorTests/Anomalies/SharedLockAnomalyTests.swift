import Foundation
import LockInspector
import LockKit
import Testing

@Suite struct SharedLockAnomalyTests {
    let now = Date(timeIntervalSince1970: 2_000_000_000)

    func holder(_ role: SharedHolder.Role, _ name: String, ttl: LockTTL, since: Date? = nil) -> SharedHolder {
        SharedHolder(role: role, owner: LockOwner(token: name, acquiredAt: since), rawMember: Array(name.utf8), ttl: ttl)
    }

    func kinds(_ holds: SharedHolds, kind: LockKind = .readWrite) -> [Anomaly.Kind: Anomaly.Severity] {
        let key = Array("rwlock:{doc}".utf8)
        let lock = LockEntity(key: key, resource: "doc", family: .locktop, kind: kind, shared: holds, ttl: .remaining(.seconds(30)))
        let found = AnomalyRules.evaluate(Snapshot(takenAt: now, entities: [key: .lock(lock)], scannedKeys: 1), now: now)
        return Dictionary(found.map { ($0.kind, $0.severity) }, uniquingKeysWith: { first, _ in first })
    }

    @Test func aHolderWithoutTTLIsCritical() {
        let holds = SharedHolds(holders: [holder(.reader, "a", ttl: .remaining(.seconds(5))), holder(.reader, "b", ttl: .noExpiry)])
        #expect(kinds(holds) == [.holderWithoutTTL: .critical])
    }

    @Test func morePermitsHeldThanTheLimitIsAWarning() {
        let three = (0..<3).map { holder(.permit, "p\($0)", ttl: .remaining(.seconds(5))) }
        #expect(kinds(SharedHolds(holders: three, permits: 2), kind: .semaphore) == [.permitsOverLimit: .warning])
        #expect(kinds(SharedHolds(holders: three, permits: 3), kind: .semaphore).isEmpty)
    }

    @Test func aWriterWaitingOverAMinuteIsAWarning() {
        let reader = holder(.reader, "r", ttl: .remaining(.seconds(5)))
        let patient = holder(.waitingWriter, "w", ttl: .remaining(.seconds(2)), since: now.addingTimeInterval(-61))
        let fresh = holder(.waitingWriter, "w2", ttl: .remaining(.seconds(2)), since: now.addingTimeInterval(-59))
        #expect(kinds(SharedHolds(holders: [reader], waitingWriters: [fresh, patient])) == [.writerWaiting: .warning])
        #expect(kinds(SharedHolds(holders: [reader], waitingWriters: [fresh])).isEmpty)
    }
}
