import Foundation
import Testing
@testable import LocktopApp
import TerminalUI

@Suite struct RenderSizeTests {
    @Test(arguments: [Size.zero, Size(width: 1, height: 1), Size(width: 2, height: 3), Size(width: 10, height: 2), Size(width: 5, height: 40)])
    func tinyTerminalsDoNotCrash(_ size: Size) {
        for view in AppView.allCases {
            var state = Fixtures.state(size: size)
            state.view = view
            Fixtures.press(.enter, .down, on: &state)
            let frame = render(state, theme: .default, size: size)
            #expect(frame.size == size)
            Fixtures.press(.character("?"), on: &state)
            _ = render(state, theme: .default, size: size)
        }
        var state = Fixtures.state(size: size)
        Fixtures.press(.down, .character("d"), on: &state)
        _ = render(state, theme: .default, size: size)
    }

    @Test func a40x12TerminalKeepsEveryPartInItsRow() {
        let size = Size(width: 40, height: 12)
        var state = Fixtures.state(size: size)
        Fixtures.press(.down, on: &state)
        state.statusMessage = "a message that is much longer than forty columns"
        _ = update(&state, .feed(.connection(.reconnecting(attempt: 2, reason: "timeout"))))
        let lines = render(state, theme: .default, size: size).lines()
        #expect(lines.count == 12)
        #expect(lines.allSatisfy { DisplayWidth.of($0) == 40 })
        #expect(lines[0].hasPrefix(" 1 Locks "))
        #expect(lines[1].hasPrefix("reconnecting (attempt 2): timeout"))
        #expect(lines[2].hasPrefix("! KEY"))
        #expect(lines[3].contains("lock:job:nightly"))
        #expect(lines[4].contains("lock:{coupon:123}"))
        #expect(lines[10].hasPrefix("a message"))
        #expect(lines[11].hasPrefix(" redis://127.0.0.1:6379"))
    }

    @Test func a40x12TerminalShowsTheDetailBelowTheTable() {
        let size = Size(width: 40, height: 12)
        var state = Fixtures.state(size: size)
        Fixtures.press(.down, .enter, on: &state)
        let lines = render(state, theme: .default, size: size).lines()
        #expect(lines[1].hasPrefix("! KEY"))
        #expect(lines.contains { $0.hasPrefix("┌ Detail ") })
        #expect(lines[11].hasPrefix(" redis://"))
    }

    @Test func paging40x12MovesByTheVisibleRows() {
        let many = (0..<30).map { Fixtures.lock(String(format: "lock:{r%02d}", $0), resource: "r\($0)") }
        var state = Fixtures.state(size: Size(width: 40, height: 12), snapshot: Fixtures.snapshot(locks: many))
        Fixtures.press(.pageDown, on: &state)
        let page = ScreenLayout(state, size: state.size).visibleRows
        #expect(state.selection.table.selected == page)
        let lines = render(state, theme: .default, size: state.size).lines()
        #expect(lines.contains { $0.contains(String(format: "lock:{r%02d}", page)) }, "the selected row is scrolled into view")
    }
}
