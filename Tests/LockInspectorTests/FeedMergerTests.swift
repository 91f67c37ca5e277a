import Foundation
@testable import LockInspector
import RedisClient
import Testing

/// The per-master updates of a cluster feed merged into one stream, without a cluster.
@Suite struct FeedMergerTests {
    static let masters = [
        ClusterNode(id: "a", host: "10.0.0.1", port: 7000, isMaster: true, isFailing: false, slots: [0...8191]),
        ClusterNode(id: "b", host: "10.0.0.2", port: 7000, isMaster: true, isFailing: false, slots: [8192...16383]),
    ]

    static func snapshot(_ keys: String...) -> Snapshot {
        Snapshot(takenAt: Date(timeIntervalSince1970: 100),
                 entities: keys.map { Entity.unknown(key: Array($0.utf8), type: .string, ttl: .noExpiry) }, scannedKeys: keys.count * 10)
    }

    @Test func snapshotsOfEveryMasterAreMergedAndAMasterThatIsLostDropsOut() throws {
        var merger = FeedMerger(masters: Self.masters)
        #expect(merger.nodes.allSatisfy { !$0.isReachable })
        _ = merger.apply(.snapshot(Self.snapshot("lock:a", "lock:c")), from: 0)
        let both = merger.apply(.snapshot(Self.snapshot("lock:b")), from: 1)
        guard case .snapshot(let merged) = both.last else { Issue.record("no snapshot in \(both)"); return }
        #expect(merged.keys.sorted { $0.lexicographicallyPrecedes($1) } == ["lock:a", "lock:b", "lock:c"].map { Array($0.utf8) })
        #expect(merged.scannedKeys == 30)
        #expect(merger.nodes.map(\.foundKeys) == [2, 1])
        #expect(merger.nodes.allSatisfy { $0.isReachable })

        let lost = merger.apply(.connection(.reconnecting(attempt: 1, reason: "connection refused")), from: 1)
        #expect(lost.contains { if case .nodes(let nodes) = $0 { nodes[1].problem == "connection refused" } else { false } })
        #expect(lost.contains { if case .snapshot(let snapshot) = $0 { snapshot.count == 2 } else { false } })
        // One master still answers: the feed as a whole is not reconnecting.
        #expect(!lost.contains { if case .connection = $0 { true } else { false } })

        let allLost = merger.apply(.connection(.reconnecting(attempt: 3, reason: "timeout")), from: 0)
        #expect(allLost.contains { if case .connection(.reconnecting(3, let reason)) = $0 { reason.contains("no master answers") } else { false } })
        let back = merger.apply(.snapshot(Self.snapshot("lock:a")), from: 0)
        #expect(back.contains { if case .connection(.connected) = $0 { true } else { false } })
    }

    @Test func redlockServersAreComparedKeyByKeyAndTheFirstThatAnswersFeedsTheOtherViews() throws {
        var merger = FeedMerger(redlockServers: ["a:6379", "b:6379", "c:6379"])
        let token = Array("1700000000000-host-1-0badcafe".utf8)
        let held = Snapshot(takenAt: Date(), entities: [Entity.lock(LockEntity(key: Array("lock:{r}".utf8), resource: "r", family: .locktop,
                                                                               owners: [], ttl: .remaining(.seconds(9)), rawToken: token))],
                            scannedKeys: 1)
        _ = merger.apply(.snapshot(held), from: 1)
        let second = merger.apply(.snapshot(held), from: 2)
        guard case .redlock(let report) = second.first(where: { if case .redlock = $0 { true } else { false } }) else {
            Issue.record("no report in \(second)"); return
        }
        #expect(report.servers == ["a:6379", "b:6379", "c:6379"])
        #expect(report.locks.first?.state == .quorum(token: token))
        #expect(report.locks.first?.readable == [false, true, true])
        let lost = merger.apply(.connection(.reconnecting(attempt: 1, reason: "refused")), from: 2)
        guard case .redlock(let after) = lost.first(where: { if case .redlock = $0 { true } else { false } }) else {
            Issue.record("no report in \(lost)"); return
        }
        #expect(after.locks.first?.state == .minority(token: token, servers: 1))
        #expect(after.anomalies.map(\.kind) == [.redlockMinority])
    }

    @Test func modeIsNotificationsOnlyWhenEveryMasterSendsThem() {
        var merger = FeedMerger(masters: Self.masters)
        #expect(merger.apply(.mode(.notifications), from: 0).isEmpty == false)
        let polling = merger.apply(.mode(.polling(reason: "notifications are off")), from: 1)
        guard case .mode(.polling(let reason)) = polling.first else { Issue.record("\(polling)"); return }
        #expect(reason == "notifications are off")
        #expect(merger.apply(.mode(.polling(reason: "notifications are off")), from: 1).isEmpty)
    }

    @Test func progressIsSummedOverTheMastersScanning() {
        var merger = FeedMerger(masters: Self.masters)
        _ = merger.apply(.progress(ScanProgress(scannedKeys: 10, totalKeys: 100, matchedKeys: 1, finished: false)), from: 0)
        let summed = merger.apply(.progress(ScanProgress(scannedKeys: 30, totalKeys: 50, matchedKeys: 2, finished: false)), from: 1)
        guard case .progress(let progress) = summed.first else { Issue.record("\(summed)"); return }
        #expect(progress == ScanProgress(scannedKeys: 40, totalKeys: 150, matchedKeys: 3, finished: false))
    }
}
