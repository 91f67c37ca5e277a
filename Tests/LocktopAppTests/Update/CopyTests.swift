import Foundation
import LockInspector
import Testing
@testable import LocktopApp
import TerminalUI

@Suite struct CopyTests {
    @Test func yCopiesTheSelectedKeyAndSaysSo() {
        var state = Fixtures.state()
        let effects = Fixtures.press(.character("y"), on: &state)
        #expect(effects == [.copyToClipboard("lock:job:nightly")])
        #expect(state.statusMessage == "copied key lock:job:nightly to the clipboard")
    }

    @Test func capitalYCopiesTheOwnerToken() {
        var state = Fixtures.state()
        let effects = Fixtures.press(.character("Y"), on: &state)
        #expect(effects == [.copyToClipboard(Fixtures.token("cron-1", 7, secondsAgo: 3))])
        #expect(state.statusMessage?.hasPrefix("copied owner token ") == true)
    }

    @Test func markedRowsCopyAsOneBlockInTheOrderMarked() {
        var state = Fixtures.state()
        Fixtures.press(.down, .character("m"), .up, .character("m"), on: &state)
        #expect(state.statusMessage == "2 row(s) marked: y copies their keys, Y their owner tokens, Esc unmarks")
        #expect(Fixtures.press(.character("y"), on: &state) == [.copyToClipboard("lock:{coupon:123}\nlock:job:nightly")])
        #expect(state.statusMessage == "copied 2 keys to the clipboard, one per line")
        let tokens = Fixtures.press(.character("Y"), on: &state)
        #expect(tokens == [.copyToClipboard(Fixtures.token("web-1", 4242, secondsAgo: 12) + "\n" + Fixtures.token("cron-1", 7, secondsAgo: 3))])
    }

    @Test func mAgainUnmarksAndEscClearsTheMarks() {
        var state = Fixtures.state()
        Fixtures.press(.character("m"), .character("m"), on: &state)
        #expect(state.marked.isEmpty)
        Fixtures.press(.character("m"), .down, .character("m"), .escape, on: &state)
        #expect(state.marked.isEmpty)
        #expect(Fixtures.press(.character("y"), on: &state) == [.copyToClipboard("lock:{coupon:123}")])
    }

    @Test func markedRowsAreDrawnInTheMatchStyle() {
        var state = Fixtures.state()
        Fixtures.press(.character("m"), .down, on: &state)
        let frame = render(state, theme: .default, size: state.size)
        // Row 2 (the first body row) is marked and no longer selected.
        #expect(frame.style(at: Point(x: 3, y: 2))?.patched(with: .plain) == Theme.default[.normal].patched(with: Theme.default[.match]))
        #expect(frame.style(at: Point(x: 3, y: 4)) != frame.style(at: Point(x: 3, y: 2)))
    }

    @Test func aBinaryKeyIsCopiedEscapedAsTheScreenShowsIt() {
        let hostile = Fixtures.lock(bytes: Array("lock:\u{1B}]0;x\u{07}\n".utf8) + [0xFF], resource: "x")
        var state = Fixtures.state(snapshot: Snapshot(takenAt: Fixtures.takenAt, entities: [Entity.lock(hostile)], scannedKeys: 1))
        let effects = Fixtures.press(.character("y"), on: &state)
        guard case .copyToClipboard(let text)? = effects.first else {
            Issue.record("nothing copied")
            return
        }
        #expect(!text.unicodeScalars.contains { $0.value < 0x20 || $0.value == 0x7F })
        #expect(text == DisplayText(bytes: hostile.key).description)
    }

    @Test func aRowWithoutATokenSaysSoAndCopiesNothing() {
        var state = Fixtures.state()
        Fixtures.press(.character("3"), on: &state)
        #expect(Fixtures.press(.character("Y"), on: &state).isEmpty)
        #expect(state.statusMessage == "copy: no owner token on this row")
    }

    @Test func theLoopHandsTheCopyToItsTerminal() {
        let terminal = VirtualTerminal(size: Size(width: 80, height: 24))
        let loop = DashboardLoop(state: Fixtures.state(), theme: .default, terminal: terminal, inputDescriptor: nil, inbox: Inbox(),
                                 tickInterval: .seconds(1), idleWait: .zero, perform: { _ in })
        loop.apply(.key(.character("y")))
        #expect(terminal.clipboard == ["lock:job:nightly"])
    }
}
