import Foundation
import LockInspector
import Testing
@testable import LocktopApp
import TerminalUI

@Suite struct PauseTests {
    private func screen(_ state: AppState) -> [String] {
        render(state, theme: .default, size: Size(width: 140, height: 20)).lines()
    }

    private func ttlOfSelected(_ state: AppState) -> String? {
        ViewRows(state).selected(state.selection).map { $0.cells[LockRow.ttlColumn].text.description }
    }

    @Test func spacePausesAndTheStatusLineSaysPausedHowOldAndThatTTLsAreFrozen() {
        var state = Fixtures.state()
        Fixtures.press(.character(" "), on: &state)
        #expect(state.pause?.frozenAt == Fixtures.now)
        _ = update(&state, .tick(Fixtures.now.addingTimeInterval(12)))
        let status = screen(state).last ?? ""
        #expect(status.contains("PAUSED 12s"), "\(status)")
        #expect(status.contains("data 14s old"), "\(status)")
        #expect(status.contains("TTLs frozen"), "\(status)")
    }

    @Test func ttlsStopCountingWhilePausedAndCountOnAfter() {
        var state = Fixtures.state()
        let before = ttlOfSelected(state)
        Fixtures.press(.character(" "), on: &state)
        _ = update(&state, .tick(Fixtures.now.addingTimeInterval(5)))
        #expect(ttlOfSelected(state) == before)
        Fixtures.press(.character(" "), on: &state)
        #expect(state.pause == nil)
        #expect(ttlOfSelected(state) != before)
    }

    @Test func dataArrivingWhilePausedIsKeptAndShownOnResume() {
        var state = Fixtures.state()
        Fixtures.press(.character(" "), on: &state)
        let newer = Fixtures.snapshot(locks: [Fixtures.lock("lock:{new:1}", resource: "new:1")], at: Fixtures.now)
        _ = update(&state, .feed(.snapshot(newer)))
        _ = update(&state, .feed(.events([LiveEvent(time: Fixtures.now, key: Array("lock:{new:1}".utf8), kind: .acquired)])))
        #expect(state.snapshot.locks.count == 4, "the screen holds still")
        #expect(state.events.count == Fixtures.events.count)
        #expect(state.pause?.heldUpdates == 2)
        #expect(screen(state).last?.contains("2 held") == true)
        Fixtures.press(.character(" "), on: &state)
        #expect(state.snapshot.locks.map(\.key) == [Array("lock:{new:1}".utf8)])
        #expect(state.events.count == Fixtures.events.count + 1)
        #expect(state.statusMessage == "resumed: showing 2 update(s) that arrived while paused")
    }

    @Test func theConnectionStillShowsWhilePaused() {
        var state = Fixtures.state()
        Fixtures.press(.character(" "), on: &state)
        _ = update(&state, .feed(.connection(.reconnecting(attempt: 2, reason: "refused"))))
        #expect(state.isStale)
    }

    @Test func spaceIsInTheHelp() {
        #expect(KeyMap.bindings(readOnly: true).contains { $0.key == "space" && $0.description.contains("pause") })
    }

    @Test func spaceInTheFilterPromptIsText() {
        var state = Fixtures.state()
        Fixtures.press(.character("/"), .character("a"), .character(" "), on: &state)
        #expect(state.pause == nil)
        #expect(state.filterInput?.text == "a ")
    }
}

