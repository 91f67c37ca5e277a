import Foundation
@testable import LocktopApp
import LockInspector
import RedisClient
import TerminalUI
import Testing

/// `D`: when no lock is found under the patterns, discovery is one key press away.
@Suite struct DiscoverKeyTests {
    static let report = DiscoveryReport(
        groups: [DiscoveryGroup(pattern: "orders:*", what: "locks", family: .tokenHex32, count: 37, ttlRange: 30...60, withoutTTL: 0,
                                confidence: .lock, evidence: "token shape"),
                 DiscoveryGroup(pattern: "session:*", what: "locks", family: .tokenUUID, count: 900, ttlRange: 1800...3600, withoutTTL: 0,
                                confidence: .possible, evidence: "token shape only")],
        scannedKeys: 5000, readKeys: 60, patterns: 4)

    @Test func aScanWithoutLocksOffersDiscoveryOnce() {
        var state = Fixtures.state(snapshot: .empty)
        _ = update(&state, .feed(.snapshot(Fixtures.snapshot(locks: [], queues: []))))
        #expect(state.statusMessage == "no lock under the patterns: press D to look for locks in every key")
        state.statusMessage = nil
        _ = update(&state, .feed(.snapshot(Fixtures.snapshot(locks: [], queues: []))))
        #expect(state.statusMessage == nil)
    }

    @Test func dDiscoversAndTheDashboardFollowsTheLockPatternsFound() {
        var state = Fixtures.state()
        #expect(Fixtures.press(.character("D"), on: &state) == [.discover])
        let effects = update(&state, .discovered(.success(Self.report)))
        #expect(effects == [Effect.followPatterns(["orders:*"])])
        #expect(state.statusMessage?.hasPrefix("discover: 37 locks in 5000 keys; following orders:*") == true)
    }

    @Test func dIsAllowedReadOnlyAndAFailureSaysWhy() {
        var state = Fixtures.state(readOnly: true)
        #expect(Fixtures.press(.character("D"), on: &state) == [.discover])
        let effects = update(&state, .discovered(.failure(.closed(endpoint: "e", command: "SCAN"))))
        #expect(effects.isEmpty)
        #expect(state.statusMessage?.hasPrefix("discover failed") == true)
    }
}
