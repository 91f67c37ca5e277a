import Foundation
import Testing
@testable import LocktopApp
import TerminalUI

@Suite struct MouseTests {
    private func selectedKey(_ state: AppState) -> String? {
        state.selection.id.map { String(decoding: $0, as: UTF8.self) }
    }

    private func press(_ action: MouseEvent.Action, x: Int, y: Int, on state: inout AppState) {
        Fixtures.press(.mouse(MouseEvent(action, at: Point(x: x, y: y))), on: &state)
    }

    @Test func aClickOnARowSelectsIt() {
        var state = Fixtures.state()
        // Row 0 is the tabs, row 1 the header: the third lock is on row 4.
        press(.press, x: 5, y: 4, on: &state)
        #expect(selectedKey(state) == ViewRows(state).id(at: 2).map { String(decoding: $0, as: UTF8.self) })
        #expect(state.selection.table.selected == 2)
    }

    @Test func aClickBelowTheLastRowOrOnTheHeaderChangesNothing() {
        var state = Fixtures.state()
        press(.press, x: 5, y: 15, on: &state)
        press(.press, x: 5, y: 1, on: &state)
        #expect(state.selection.table.selected == 0)
    }

    @Test func aClickOnATabSwitchesTheView() throws {
        var state = Fixtures.state()
        let tabs = TabBar(state: state, theme: .default).tabColumns(width: state.size.width)
        let queues = try #require(tabs.first { $0.view == .queues })
        press(.press, x: queues.columns.lowerBound, y: 0, on: &state)
        #expect(state.view == .queues)
        let sagas = tabs.first { $0.view == .transactions }
        press(.press, x: (sagas?.columns.upperBound ?? 1) - 1, y: 0, on: &state)
        #expect(state.view == .transactions)
    }

    @Test func theWheelMovesTheSelectionThreeRowsClamped() {
        var state = Fixtures.state()
        press(.wheelDown, x: 5, y: 5, on: &state)
        #expect(state.selection.table.selected == 3)
        press(.wheelDown, x: 5, y: 5, on: &state)
        #expect(state.selection.table.selected == 3, "four rows: the last stays selected")
        press(.wheelUp, x: 5, y: 5, on: &state)
        #expect(state.selection.table.selected == 0)
    }

    @Test func aClickClosesTheHelpButNotADialog() {
        var state = Fixtures.state()
        Fixtures.press(.character("?"), on: &state)
        press(.press, x: 1, y: 1, on: &state)
        #expect(state.overlay == nil)
        Fixtures.press(.character("d"), on: &state)
        let dialog = state.overlay
        press(.press, x: 5, y: 4, on: &state)
        #expect(state.overlay == dialog && dialog != nil)
    }

    @Test func theHelpMentionsTheMouse() {
        #expect(KeyMap.bindings(readOnly: false).contains { $0.key == "click wheel" })
    }
}
