import Testing
@testable import TerminalUI

@Suite struct VirtualTerminalTests {
    @Test func recordsEveryFrameAndShowsTheLast() {
        let terminal = VirtualTerminal(size: Size(width: 6, height: 2))
        var frame = Frame(size: terminal.size)
        frame.put("locks", at: .zero)
        terminal.draw(frame)
        frame.put("락", at: Point(x: 0, y: 1), style: Style(fg: .red))
        terminal.draw(frame)
        terminal.flush()
        #expect(terminal.frames.count == 2)
        #expect(terminal.lines() == ["locks ", "락    "])
        #expect(terminal.style(at: Point(x: 0, y: 1)) == Style(fg: .red))
        #expect(terminal.flushCount == 1)
    }

    @Test func drawWritesOnlyTheChangedCells() {
        let terminal = VirtualTerminal(size: Size(width: 4, height: 1))
        var frame = Frame(size: terminal.size)
        frame.put("abcd", at: .zero)
        terminal.draw(frame)
        #expect(terminal.lastChanges.count == 4)
        frame.put("X", at: Point(x: 2, y: 0))
        terminal.draw(frame)
        #expect(terminal.lastChanges == [CellChange(point: Point(x: 2, y: 0), cell: Cell("X"))])
        #expect(terminal.lines() == ["abXd"])
        terminal.draw(frame)
        #expect(terminal.lastChanges.isEmpty)
    }

    @Test func clearMakesTheNextDrawWriteEverything() {
        let terminal = VirtualTerminal(size: Size(width: 2, height: 1))
        let frame = Frame(size: terminal.size)
        terminal.draw(frame)
        terminal.clear()
        terminal.draw(frame)
        #expect(terminal.lastChanges.count == 2)
    }

    @Test func scriptedKeysAreReadInOrderThenNil() {
        let terminal = VirtualTerminal(size: Size(width: 1, height: 1), keys: [.down, .character("q")])
        terminal.enqueue(.function(5))
        #expect(terminal.readKey(timeout: .milliseconds(10)) == .down)
        #expect(terminal.readKey(timeout: nil) == .character("q"))
        #expect(terminal.readKey(timeout: nil) == .function(5))
        #expect(terminal.readKey(timeout: .zero) == nil)
    }

    @Test func resizeChangesTheSizeAndQueuesAResizeEvent() {
        let terminal = VirtualTerminal(size: Size(width: 80, height: 24))
        terminal.resize(to: Size(width: 100, height: 30))
        #expect(terminal.size == Size(width: 100, height: 30))
        #expect(terminal.readKey(timeout: nil) == .resize(Size(width: 100, height: 30)))
        let frame = Frame(size: terminal.size)
        terminal.draw(frame)
        #expect(terminal.lines().count == 30)
    }

    @Test func cursorFollowsTheFrame() {
        let terminal = VirtualTerminal(size: Size(width: 3, height: 1))
        var frame = Frame(size: terminal.size)
        frame.cursor = Point(x: 1, y: 0)
        terminal.draw(frame)
        #expect(terminal.cursor == Point(x: 1, y: 0))
        terminal.setCursor(nil)
        #expect(terminal.cursor == nil)
    }

    @Test func zeroSizeTerminalDrawsNothing() {
        let terminal = VirtualTerminal(size: .zero)
        terminal.draw(Frame(size: .zero))
        #expect(terminal.lines().isEmpty)
        #expect(terminal.lastChanges.isEmpty)
    }
}
