import Foundation
@testable import LockInspector
import Testing

/// `locktop list` prints locks and sagas with the numbers in their keys as numbers, as a table and as JSON.
@Suite struct NaturalOrderListTests {
    private let now = Date(timeIntervalSince1970: 1_700_000_000)

    private var snapshot: Snapshot {
        let locks = [10, 9, 100, 1].map { number in
            Entity.lock(LockEntity(key: Array("lock:{job:\(number)}".utf8), resource: "job:\(number)", family: .locktop,
                                   owners: [], ttl: .noExpiry, rawToken: nil))
        }
        let sagas = ["ord-0-20", "ord-0-2", "ord-0-1"].map { id in
            Entity.saga(SagaEntity(key: Array("saga:order:{\(id)}".utf8), name: "order", id: id, status: "running", steps: [],
                                   updatedAt: nil, ttl: .noExpiry))
        }
        return Snapshot(takenAt: now, entities: locks + sagas, scannedKeys: 7)
    }

    private func positions(of needles: [String], in text: String) -> [Int] {
        needles.map { needle in text.range(of: needle).map { text.distance(from: text.startIndex, to: $0.lowerBound) } ?? -1 }
    }

    @Test func theTableListsLocksAndSagasInNaturalOrder() {
        let table = SnapshotTable.render(snapshot, anomalies: [], now: now)
        let locks = positions(of: ["lock:{job:1}", "lock:{job:9}", "lock:{job:10}", "lock:{job:100}"], in: table)
        #expect(locks == locks.sorted() && !locks.contains(-1), "\(table)")
        let sagas = positions(of: ["ord-0-1:", "ord-0-2:", "ord-0-20:"], in: table)
        #expect(sagas == sagas.sorted() && !sagas.contains(-1), "\(table)")
    }

    @Test func theJSONListsLocksInNaturalOrder() throws {
        let json = try SnapshotReport(snapshot, endpoint: "e", anomalies: []).json()
        let locks = positions(of: [#""lock:{job:1}""#, #""lock:{job:9}""#, #""lock:{job:10}""#, #""lock:{job:100}""#], in: json)
        #expect(locks == locks.sorted() && !locks.contains(-1), "\(json)")
    }
}
