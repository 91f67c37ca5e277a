import Foundation
import LockInspector
import LockKit
import Testing

/// The per-key answers a dashboard asks for agree with the full evaluation `locktop list` runs.
@Suite struct AnomalyIndexTests {
    let now = Date(timeIntervalSince1970: 2_000_000_000)

    var snapshot: Snapshot {
        func lock(_ name: String, _ ttl: LockTTL, heldFor: Double) -> Entity {
            .lock(LockEntity(key: Array(name.utf8), resource: name, family: .locktop,
                             owners: [LockOwner(token: name, acquiredAt: now.addingTimeInterval(-heldFor))], ttl: ttl))
        }
        let entities: [Entity] = [
            lock("a", .remaining(.seconds(10)), heldFor: 5), lock("b", .remaining(.seconds(11)), heldFor: 290),
            lock("c", .remaining(.seconds(12)), heldFor: 1), lock("d", .remaining(.seconds(3600)), heldFor: 400),
            lock("e", .noExpiry, heldFor: 2),
            .queue(QueueEntity(key: Array("q".utf8), resource: "nobody", family: .locktop,
                               waiters: [Waiter(member: "w", rank: 0, score: 1)], count: 1)),
            .saga(SagaEntity(key: Array("s".utf8), name: "order", id: "1", status: "compensating", steps: [],
                             updatedAt: now.addingTimeInterval(-50), ttl: .noExpiry)),
        ]
        return Snapshot(takenAt: now, entities: entities, scannedKeys: entities.count)
    }

    @Test(arguments: [0.0, 15, 120])
    func perKeyAnswersAgreeWithTheFullEvaluation(secondsLater: Double) {
        let time = now.addingTimeInterval(secondsLater)
        let index = AnomalyIndex(snapshot)
        let all = AnomalyRules.evaluate(snapshot, now: time)
        for key in snapshot.keys {
            let expected = all.filter { $0.key == key }
            #expect(Set(index.anomalies(of: key, at: time)) == Set(expected))
            #expect(index.worstSeverity(of: key, at: time) == expected.map(\.severity).max())
            if let entity = snapshot.entity(for: key) {
                #expect(index.worstSeverity(of: entity, at: time) == expected.map(\.severity).max())
            }
        }
    }

    @Test func timeRulesSpeakUpOnceTheirThresholdPasses() {
        let index = AnomalyIndex(snapshot)
        let b = Array("b".utf8)
        #expect(index.worstSeverity(of: b, at: now) == nil, "held 290 s, threshold 300 s")
        #expect(index.anomalies(of: b, at: now.addingTimeInterval(20)).map(\.kind) == [.heldTooLong])
        #expect(index.worstSeverity(of: Array("s".utf8), at: now.addingTimeInterval(20)) == .critical, "compensating, idle 70 s")
    }
}
