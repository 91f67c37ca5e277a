import Foundation
import LockInspector
import LockKit
import Testing
@testable import LocktopApp

@Suite struct TTLTotalsTests {
    private func snapshot(_ locks: [(String, LockTTL)]) -> Snapshot {
        Fixtures.snapshot(locks: locks.map { Fixtures.lock($0.0, resource: $0.0, ttl: $0.1) }, queues: [])
    }

    @Test func keepsTheLargestTTLAndForgetsKeysThatWentAway() {
        var totals = TTLTotals().remembering(snapshot([("a", .remaining(.seconds(30))), ("b", .remaining(.seconds(5)))]))
        totals = totals.remembering(snapshot([("a", .remaining(.seconds(10))), ("c", .remaining(.milliseconds(1500)))]))
        #expect(totals[Array("a".utf8)] == .seconds(30))
        #expect(totals[Array("b".utf8)] == nil, "b is gone")
        #expect(totals[Array("c".utf8)] == .milliseconds(1500))
    }

    @Test func aLockWithoutACountdownHasNoTotal() {
        let totals = TTLTotals().remembering(snapshot([("a", .noExpiry), ("b", .missing)]))
        #expect(totals[Array("a".utf8)] == nil && totals[Array("b".utf8)] == nil)
    }
}
