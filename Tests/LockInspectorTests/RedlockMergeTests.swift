import Foundation
import LockInspector
import Testing

@Suite struct RedlockMergeTests {
    private func lock(_ key: String, _ token: String) -> LockEntity {
        LockEntity(key: Array(key.utf8), resource: key, family: .locktop, owners: [LockOwner(token: token)], ttl: .remaining(.seconds(10)),
                   rawToken: Array(token.utf8))
    }

    private func snapshot(_ locks: LockEntity...) -> Snapshot {
        Snapshot(takenAt: Date(), entities: Dictionary(uniqueKeysWithValues: locks.map { ($0.key, Entity.lock($0)) }), scannedKeys: locks.count)
    }

    @Test func twoOfThreeIsAQuorumAndNotAnAnomaly() throws {
        let merged = RedlockMerge.locks([snapshot(lock("r", "a")), snapshot(lock("r", "a")), snapshot()])
        let row = try #require(merged.first)
        #expect(merged.count == 1)
        #expect(row.state == .quorum(token: Array("a".utf8)))
        #expect(row.perServer.map { $0 != nil } == [true, true, false])
        #expect(RedlockMerge.anomalies(merged).isEmpty)
    }

    @Test func oneOfThreeIsAMinority() throws {
        let merged = RedlockMerge.locks([snapshot(), snapshot(lock("r", "a")), snapshot()])
        #expect(merged.first?.state == .minority(token: Array("a".utf8), servers: 1))
        let anomaly = try #require(RedlockMerge.anomalies(merged).first)
        #expect(anomaly.kind == .redlockMinority)
        #expect(anomaly.severity == .warning)
    }

    @Test func twoTokensWithoutAQuorumAreASplit() throws {
        let merged = RedlockMerge.locks([snapshot(lock("r", "a")), snapshot(lock("r", "b")), snapshot(), snapshot(lock("r", "a")), snapshot(lock("r", "b"))])
        #expect(merged.first?.quorum == 3)
        #expect(merged.first?.state == .split([2, 2]))
        #expect(RedlockMerge.anomalies(merged).first?.severity == .critical)
    }

    @Test func anUnreadableServerCountsAsNotHolding() throws {
        let merged = RedlockMerge.locks([snapshot(lock("r", "a")), nil, snapshot(lock("r", "a"))])
        #expect(merged.first?.readable == [true, false, true])
        #expect(merged.first?.state == .quorum(token: Array("a".utf8)))
    }

    @Test func keysAreListedOnceInOrder() {
        let merged = RedlockMerge.locks([snapshot(lock("b", "x"), lock("a", "y")), snapshot(lock("a", "y"))])
        #expect(merged.map { String(decoding: $0.key, as: UTF8.self) } == ["a", "b"])
    }
}
