import Foundation
import LockInspector
import Testing
@testable import LocktopApp
import TerminalUI

/// Every view rendered at 80x24 and 200x50 and compared with the reviewed text in Snapshots/.
@Suite struct ViewSnapshotTests {
    static let sizes = [Size(width: 80, height: 24), Size(width: 200, height: 50)]

    private func check(_ name: String, _ configure: (inout AppState) -> Void) {
        for size in Self.sizes {
            var state = Fixtures.state(size: size)
            configure(&state)
            _ = update(&state, .resize(size))
            assertTextSnapshot(render(state, theme: .default, size: size), named: "\(name)-\(size.width)x\(size.height)")
        }
    }

    @Test func locks() { check("locks") { _ in } }

    @Test func locksWithDetail() {
        check("locks-detail") { Fixtures.press(.down, .enter, on: &$0) }
    }

    @Test func locksWithAnAnomalyInTheDetail() {
        check("locks-detail-anomaly") { Fixtures.press(.character("G"), .enter, on: &$0) }
    }

    @Test func queues() { check("queues") { Fixtures.press(.character("2"), on: &$0) } }

    @Test func queuesWithDetail() { check("queues-detail") { Fixtures.press(.character("2"), .enter, on: &$0) } }

    @Test func sagasAndTransactions() { check("transactions") { Fixtures.press(.character("3"), .enter, on: &$0) } }

    @Test func streams() { check("streams") { Fixtures.press(.character("4"), .enter, on: &$0) } }

    @Test func events() { check("events") { Fixtures.press(.character("5"), on: &$0) } }

    @Test func simulator() { check("simulator") { Fixtures.press(.character("6"), on: &$0) } }

    @Test func simulatorRunning() {
        check("simulator-running") { state in
            Fixtures.press(.down, .character("c"), .enter, on: &state)
            _ = update(&state, .simulation(.report(Fixtures.simulationReport)))
        }
    }

    @Test func simulationDialog() {
        check("simulate-dialog") { state in
            Fixtures.press(.down, .character("c"), .down, .backspace, on: &state)
            Fixtures.type("6", on: &state)
        }
    }

    @Test func help() { check("help") { Fixtures.press(.character("?"), on: &$0) } }

    @Test func readOnlyHelp() {
        for size in Self.sizes {
            var state = Fixtures.state(readOnly: true, size: size)
            Fixtures.press(.character("?"), on: &state)
            assertTextSnapshot(render(state, theme: .default, size: size), named: "help-read-only-\(size.width)x\(size.height)")
        }
    }

    @Test func forceReleaseDialog() { check("confirm-force-release") { Fixtures.press(.down, .character("d"), on: &$0) } }

    @Test func extendDialog() {
        check("extend") {
            Fixtures.press(.down, .character("e"), on: &$0)
            Fixtures.type("5000", on: &$0)
        }
    }

    @Test func filterPrompt() {
        check("filter") {
            Fixtures.press(.character("/"), on: &$0)
            Fixtures.type("coupon", on: &$0)
        }
    }

    @Test func aClusterWithAMasterDownDuringAFailover() {
        check("cluster-degraded") { state in
            _ = update(&state, .feed(.nodes([
                ClusterNodeStatus(address: "10.0.0.1:7000", slotCount: 5461),
                ClusterNodeStatus(address: "10.0.0.2:7000", slotCount: 5461, problem: "connection refused"),
                ClusterNodeStatus(address: "10.0.0.3:7000", slotCount: 5462),
            ])))
            _ = update(&state, .feed(.failover("+try-failover")))
        }
    }

    @Test func redlockServersSideBySideWithTheDetailOfASplitKey() {
        check("redlock") { state in
            _ = update(&state, .feed(.redlock(Fixtures.redlockReport)))
            Fixtures.press(.character("7"), .down, .down, .enter, on: &state)
        }
    }

    @Test func redlockViewWithOneServer() { check("redlock-one-server") { Fixtures.press(.character("7"), on: &$0) } }

    @Test func reconnectingWithAScanRunning() {
        check("reconnecting") { state in
            _ = update(&state, .feed(.connection(.reconnecting(attempt: 4, reason: "connection refused"))))
            _ = update(&state, .feed(.progress(ScanProgressFixture.halfway)))
            _ = update(&state, .feed(.mode(.polling(reason: "notify-keyspace-events is off"))))
            _ = update(&state, .tick(Fixtures.now.addingTimeInterval(30)))
        }
    }
}
