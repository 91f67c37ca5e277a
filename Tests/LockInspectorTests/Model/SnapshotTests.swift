import Foundation
@testable import LockInspector
import LockKit
import Testing

@Suite struct SnapshotTests {
    let now = Date(timeIntervalSince1970: 2_000_000_000)

    func lock(_ name: String, ttl: LockTTL = .remaining(.seconds(10))) -> Entity {
        .lock(LockEntity(key: Array(name.utf8), resource: name, family: .locktop, owners: [LockOwner(token: "t-\(name)")], ttl: ttl))
    }

    func queue(_ name: String) -> Entity {
        .queue(QueueEntity(key: Array(name.utf8), resource: name, family: .locktop, waiters: [], count: 0))
    }

    func keys(_ snapshot: Snapshot) -> [String] {
        snapshot.locks.map { String(decoding: $0.key, as: UTF8.self) }
    }

    @Test func eachKindIsSortedByKeyAndFoundByKey() {
        let snapshot = Snapshot(takenAt: now, entities: [lock("c"), queue("q"), lock("a"), lock("b"),
                                                         .auxiliary(key: Array("f".utf8), role: "fence", family: .locktop),
                                                         .unknown(key: Array("u".utf8), type: .string, ttl: .noExpiry)],
                                scannedKeys: 9)
        #expect(keys(snapshot) == ["a", "b", "c"])
        #expect(snapshot.count == 6)
        #expect(snapshot.entity(for: Array("b".utf8)) == lock("b"))
        #expect(snapshot.entity(for: Array("q".utf8)) == queue("q"))
        #expect(snapshot.entity(for: Array("f".utf8)) == .auxiliary(key: Array("f".utf8), role: "fence", family: .locktop))
        #expect(snapshot.unknown.map(\.key) == [Array("u".utf8)])
        #expect(snapshot.entity(for: Array("zz".utf8)) == nil)
        #expect(Set(snapshot.keys) == Set(["a", "b", "c", "q", "f", "u"].map { Array($0.utf8) }))
    }

    @Test func aKeySeenTwiceKeepsTheLaterEntity() {
        let snapshot = Snapshot(takenAt: now, entities: [lock("a", ttl: .noExpiry), lock("b"), lock("a")], scannedKeys: 3)
        #expect(keys(snapshot) == ["a", "b"])
        #expect(snapshot.locks.first?.ttl == .remaining(.seconds(10)))
    }

    @Test func updatingReplacesRemovesAndAddsKeysInOrder() {
        let before = Snapshot(takenAt: now, entities: (0..<50).map { lock(String(format: "k%02d", $0)) }, scannedKeys: 50)
        let changes: [[UInt8]: Entity?] = [
            Array("k10".utf8): .some(lock("k10", ttl: .noExpiry)),
            Array("k20".utf8): Entity?.none,
            Array("k25a".utf8): .some(lock("k25a")),
            Array("a".utf8): .some(queue("a")),
        ]
        let after = before.updating(changes, at: now.addingTimeInterval(1))
        var expected = (0..<50).map { String(format: "k%02d", $0) }.filter { $0 != "k20" } + ["k25a"]
        expected.sort { KeyOrder.precedes(Array($0.utf8), Array($1.utf8)) }
        #expect(keys(after) == expected)
        #expect(after.entity(for: Array("k10".utf8)) == lock("k10", ttl: .noExpiry))
        #expect(after.queues.map(\.key) == [Array("a".utf8)])
        #expect(after.takenAt == now.addingTimeInterval(1))
        #expect(after.scannedKeys == 50)
    }

    @Test func updatingGivesTheSnapshotABuildFromScratchWouldGive() {
        let before = Snapshot(takenAt: now, entities: ["d", "b", "a", "c"].map { lock($0) }, scannedKeys: 4)
        let after = before.updating([Array("b".utf8): Entity?.none, Array("e".utf8): lock("e")], at: now)
        let rebuilt = Snapshot(takenAt: now, entities: ["a", "c", "d", "e"].map { lock($0) }, scannedKeys: 4)
        #expect(after.locks == rebuilt.locks)
    }

    @Test func sharingAnEarlierSnapshotsStringsChangesNothingVisible() {
        let before = Snapshot(takenAt: now, entities: [lock("a", ttl: .remaining(.seconds(9))), lock("b")], scannedKeys: 2)
        let reread = lock("a", ttl: .remaining(.seconds(4)))
        #expect(before.sharingStorage(reread) == reread)
        #expect(before.sharingStorage(lock("new")) == lock("new"))
        #expect(before.sharingStorage(queue("q")) == queue("q"))
    }
}
