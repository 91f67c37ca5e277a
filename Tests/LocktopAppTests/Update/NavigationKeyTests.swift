import Foundation
import LockInspector
import Testing
@testable import LocktopApp
import TerminalUI

@Suite struct NavigationKeyTests {
    private func selectedKey(_ state: AppState) -> String? {
        state.selection.id.map { String(decoding: $0, as: UTF8.self) }
    }

    @Test func arrowsAndVimKeysMoveTheSelection() {
        var state = Fixtures.state()
        #expect(selectedKey(state) == "lock:job:nightly")
        Fixtures.press(.down, on: &state)
        #expect(selectedKey(state) == "lock:{coupon:123}")
        Fixtures.press(.character("j"), .character("j"), on: &state)
        #expect(selectedKey(state) == "order-lock")
        Fixtures.press(.character("j"), on: &state)
        #expect(state.selection.table.selected == 3)
        Fixtures.press(.character("k"), .up, on: &state)
        #expect(selectedKey(state) == "lock:{coupon:123}")
    }

    @Test func homeEndAndPageKeysJump() {
        var state = Fixtures.state()
        Fixtures.press(.character("G"), on: &state)
        #expect(selectedKey(state) == "order-lock")
        Fixtures.press(.character("g"), on: &state)
        #expect(state.selection.table.selected == 0)
        Fixtures.press(.end, on: &state)
        #expect(state.selection.table.selected == 3)
        Fixtures.press(.home, on: &state)
        #expect(state.selection.table.selected == 0)
        Fixtures.press(.pageDown, on: &state)
        #expect(state.selection.table.selected == 3)
        Fixtures.press(.pageUp, on: &state)
        #expect(state.selection.table.selected == 0)
    }

    @Test func tabShiftTabAndDigitsSwitchViews() {
        var state = Fixtures.state()
        Fixtures.press(.tab, on: &state)
        #expect(state.view == .queues)
        Fixtures.press(.backTab, .backTab, on: &state)
        #expect(state.view == .redlock)
        Fixtures.press(.tab, on: &state)
        #expect(state.view == .locks)
        for (digit, view) in zip("1234567", AppView.allCases) {
            Fixtures.press(.character(digit), on: &state)
            #expect(state.view == view)
        }
        Fixtures.press(.character("8"), on: &state)
        #expect(state.view == .redlock)
    }

    @Test func enterTogglesTheDetailAndEscClosesIt() {
        var state = Fixtures.state()
        Fixtures.press(.enter, on: &state)
        #expect(state.showsDetail)
        Fixtures.press(.enter, on: &state)
        #expect(!state.showsDetail)
        Fixtures.press(.enter, .escape, on: &state)
        #expect(!state.showsDetail)
    }

    @Test func generalKeysAskTheRuntimeOrSaySomething() {
        var state = Fixtures.state()
        #expect(Fixtures.press(.character("r"), on: &state) == [.rescan])
        #expect(Fixtures.press(.character("t"), on: &state) == [.loadTheme(name: "solarized")])
        _ = update(&state, .themeLoaded(name: "monochrome", theme: .monochrome, warning: nil))
        #expect(Fixtures.press(.character("t"), on: &state) == [.loadTheme(name: "default")])
        #expect(Fixtures.press(.character("?"), on: &state).isEmpty)
        #expect(state.overlay == .help)
        Fixtures.press(.character("q"), on: &state)
        #expect(state.overlay == nil && !state.quitting, "q closes the help before it quits")
        Fixtures.press(.function(1), on: &state)
        #expect(state.overlay == .help)
        Fixtures.press(.escape, on: &state)
        #expect(Fixtures.press(.function(10), on: &state) == [.quit])
        #expect(state.quitting)
        var other = Fixtures.state()
        #expect(Fixtures.press(.character("q"), on: &other) == [.quit])
    }

    @Test func selectionFollowsItsKeyAcrossSnapshots() {
        var state = Fixtures.state()
        Fixtures.press(.down, on: &state)
        #expect(selectedKey(state) == "lock:{coupon:123}")
        // A new lock sorts before it: the index moves, the selected key does not.
        let newcomer = Fixtures.lock("lock:aaa", resource: "aaa")
        _ = update(&state, .feed(.snapshot(Fixtures.snapshot(locks: Fixtures.locks + [newcomer]))))
        #expect(selectedKey(state) == "lock:{coupon:123}")
        #expect(state.selection.table.selected == 2)
        // The selected lock goes away: the selection stays at its place, on the next lock.
        let rest = Fixtures.locks.filter { $0.resource != "coupon:123" } + [newcomer]
        _ = update(&state, .feed(.snapshot(Fixtures.snapshot(locks: rest))))
        #expect(state.selection.table.selected == 2)
        #expect(selectedKey(state) == "lock:{file:report.csv}")
    }

    @Test func selectionFollowsItsKeyWhenTTLSortReordersRows() {
        var state = Fixtures.state()
        Fixtures.press(.character("s"), .character("s"), .character("s"), on: &state)
        #expect(state.sort.column == LockRow.ttlColumn)
        Fixtures.press(.character("g"), on: &state)
        let first = selectedKey(state)
        #expect(first == "lock:{file:report.csv}", "4 s left is the shortest TTL")
        _ = update(&state, .tick(Fixtures.now.addingTimeInterval(1)))
        #expect(selectedKey(state) == first)
    }

    @Test func liveEventsAreCapped() {
        var state = Fixtures.state()
        let burst = (0..<(AppState.maximumEvents + 250)).map { index in
            LiveEvent(time: Fixtures.now.addingTimeInterval(Double(index)), key: Array("k\(index)".utf8), kind: .changed)
        }
        _ = update(&state, .feed(.events(burst)))
        #expect(state.events.count == AppState.maximumEvents)
        #expect(state.events.last?.key == Array("k\(AppState.maximumEvents + 249)".utf8))
    }

    @Test func feedMessagesUpdateConnectionModeAndProgress() {
        var state = Fixtures.state()
        _ = update(&state, .feed(.connection(.reconnecting(attempt: 3, reason: "connection refused"))))
        #expect(state.isStale)
        #expect(state.snapshot.locks.count == Fixtures.locks.count, "the last snapshot stays")
        _ = update(&state, .feed(.progress(ScanProgressFixture.halfway)))
        #expect(state.scanProgress == ScanProgressFixture.halfway)
        _ = update(&state, .feed(.snapshot(Fixtures.snapshot())))
        #expect(state.scanProgress == ScanProgressFixture.halfway, "a first scan's snapshots of what it found so far keep the bar")
        _ = update(&state, .feed(.progress(ScanProgressFixture.done)))
        #expect(state.scanProgress == nil)
    }

    @Test func ttlTotalsKeepTheLargestTTLSeen() {
        var state = Fixtures.state()
        let key = Array("lock:{coupon:123}".utf8)
        #expect(state.ttlTotals[key] == .seconds(18))
        let shorter = Fixtures.locks.map { $0.key == key ? Fixtures.lock("lock:{coupon:123}", resource: "coupon:123", ttl: .remaining(.seconds(5))) : $0 }
        _ = update(&state, .feed(.snapshot(Fixtures.snapshot(locks: shorter))))
        #expect(state.ttlTotals[key] == .seconds(18))
    }
}
