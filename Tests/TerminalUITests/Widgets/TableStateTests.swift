import Testing
@testable import TerminalUI

@Suite struct TableStateTests {
    @Test func movingSelectsTheFirstRowWhenNoneWasSelected() {
        var state = TableState()
        state.moveSelection(by: 1, rowCount: 5)
        #expect(state.selected == 0)
        state.moveSelection(by: 10, rowCount: 5)
        #expect(state.selected == 4)
        state.moveSelection(by: -100, rowCount: 5)
        #expect(state.selected == 0)
    }

    @Test func movingInAnEmptyTableClearsTheSelection() {
        var state = TableState(selected: 3)
        state.moveSelection(by: 1, rowCount: 0)
        #expect(state.selected == nil)
    }

    @Test func offsetMovesOnlyAsFarAsNeeded() {
        #expect(TableState(selected: 7, offset: 0).scrolledOffset(visibleRows: 3, rowCount: 10) == 5)
        #expect(TableState(selected: 2, offset: 5).scrolledOffset(visibleRows: 3, rowCount: 10) == 2)
        #expect(TableState(selected: 4, offset: 3).scrolledOffset(visibleRows: 3, rowCount: 10) == 3)
        #expect(TableState(selected: nil, offset: 9).scrolledOffset(visibleRows: 3, rowCount: 10) == 7)
        #expect(TableState(selected: 1, offset: 4).scrolledOffset(visibleRows: 0, rowCount: 10) == 0)
    }

    @Test func clampingAfterRowsDisappearKeepsTheSelectionInRange() {
        var state = TableState(selected: 8, offset: 6)
        state.clamp(rowCount: 3)
        #expect(state == TableState(selected: 2, offset: 2))
        state.clamp(rowCount: 0)
        #expect(state.selected == nil)
    }
}
