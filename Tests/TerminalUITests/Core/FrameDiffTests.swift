import Testing
@testable import TerminalUI

@Suite struct FrameDiffTests {
    @Test func diffReportsOnlyTheChangedCells() {
        var before = Frame(size: Size(width: 5, height: 2))
        before.put("hello", at: .zero)
        var after = before
        after.put("J", at: .zero)
        after.put("!", at: Point(x: 4, y: 1), style: Style(bold: true))
        let changes = after.changes(from: before)
        #expect(changes.map(\.point) == [Point(x: 0, y: 0), Point(x: 4, y: 1)])
        #expect(changes.map(\.cell.symbol) == ["J", "!"])
    }

    @Test func styleOnlyChangesAreReported() {
        var before = Frame(size: Size(width: 3, height: 1))
        before.put("abc", at: .zero)
        var after = before
        after.patchStyle(Style(reverse: true), in: Rect(x: 1, y: 0, width: 1, height: 1))
        #expect(after.changes(from: before).map(\.point) == [Point(x: 1, y: 0)])
    }

    @Test func identicalFramesHaveNoChanges() {
        var frame = Frame(size: Size(width: 4, height: 2))
        frame.put("락a", at: .zero)
        #expect(frame.changes(from: frame).isEmpty)
    }

    @Test func withoutAPreviousFrameOrAfterAResizeEveryCellChanges() {
        let frame = Frame(size: Size(width: 3, height: 2))
        #expect(frame.changes(from: nil).count == 6)
        #expect(frame.changes(from: Frame(size: Size(width: 2, height: 2))).count == 6)
    }

    @Test func replacingAWideCharacterListsBothColumns() {
        var before = Frame(size: Size(width: 3, height: 1))
        before.put("락", at: .zero)
        var after = before
        after.put("ab", at: .zero)
        #expect(after.changes(from: before).map(\.point) == [Point(x: 0, y: 0), Point(x: 1, y: 0)])
    }

    @Test func applyingTheDiffToTheOldFrameGivesTheNewOne() {
        var before = Frame(size: Size(width: 6, height: 2))
        before.put("락:쿠폰", at: .zero)
        var after = before
        after.put("가x", at: Point(x: 1, y: 0))
        after.put("👍", at: Point(x: 0, y: 1))
        #expect(before.applying(after.changes(from: before)) == after)
    }

    @Test func zeroSizeFramesHaveNoChanges() {
        let empty = Frame(size: .zero)
        #expect(empty.changes(from: nil).isEmpty)
        #expect(Frame(size: Size(width: 0, height: 3)).changes(from: nil).isEmpty)
    }
}
