import Testing
@testable import TerminalUI

@Suite struct TableLayoutTests {
    @Test func fixedAndMinimumWidthsComeFirstThenFlexTakesTheRest() {
        let columns = [TableColumn("a", width: .flex(1)), TableColumn("b", width: .fixed(4)), TableColumn("c", width: .min(3))]
        #expect(TableLayout.widths(for: columns, contentWidths: [0, 0, 0], available: 20, spacing: 1) == [11, 4, 3])
    }

    @Test func minimumColumnsGrowToTheirContentBeforeFlex() {
        let columns = [TableColumn("a", width: .min(2)), TableColumn("b", width: .flex(1))]
        #expect(TableLayout.widths(for: columns, contentWidths: [6, 50], available: 20, spacing: 1) == [6, 13])
    }

    @Test func flexColumnsShareByWeight() {
        let columns = [TableColumn("a", width: .flex(1)), TableColumn("b", width: .flex(3))]
        #expect(TableLayout.widths(for: columns, contentWidths: [0, 0], available: 9, spacing: 1) == [2, 6])
    }

    @Test func aLoneFirstColumnIsCutToTheRoom() {
        let columns = [TableColumn("a", width: .fixed(10)), TableColumn("b", width: .fixed(10))]
        #expect(TableLayout.widths(for: columns, contentWidths: [0, 0], available: 4, spacing: 1) == [4, 0])
    }

    @Test func noRoomGivesZeroWidths() {
        let columns = [TableColumn("a", width: .fixed(3))]
        #expect(TableLayout.widths(for: columns, contentWidths: [0], available: 0, spacing: 1) == [0])
        #expect(TableLayout.widths(for: [], contentWidths: [], available: 10, spacing: 1) == [])
    }
}
