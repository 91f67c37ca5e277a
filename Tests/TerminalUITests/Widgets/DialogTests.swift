import Testing
@testable import TerminalUI

@Suite struct DialogTests {
    @Test func confirmShowsTitleMessageAndKeyHints() {
        let frame = render(Dialog.confirm(title: "Force release", message: "Release lock:{a}?"), width: 30, height: 7)
        #expect(text(frame) == [
            "┌ Force release ─────────────┐",
            "│                            │",
            "│ Release lock:{a}?          │",
            "│                            │",
            "│ [y] yes  [n] no            │",
            "└────────────────────────────┘",
            "",
        ])
        #expect(frame.cursor == nil)
    }

    @Test func longMessagesWrapInsideTheBox() {
        let dialog = Dialog.confirm(title: "Force release", message: "Release lock:{coupon:1} held by web-1 pid 4242?")
            .width(24)
        #expect(text(render(dialog, width: 30, height: 9)) == [
            "   ┌ Force release ───────┐",
            "   │                      │",
            "   │ Release              │",
            "   │ lock:{coupon:1} held │",
            "   │ by web-1 pid 4242?   │",
            "   │                      │",
            "   │ [y] yes  [n] no      │",
            "   └──────────────────────┘",
            "",
        ])
    }

    @Test func inputShowsTheFieldAndPlacesTheCursor() {
        let frame = render(Dialog.input(title: "Extend", prompt: "Extend by (s):", input: TextInput("30")), width: 30, height: 8)
        #expect(text(frame) == [
            "┌ Extend ────────────────────┐",
            "│                            │",
            "│ Extend by (s):             │",
            "│ 30                         │",
            "│                            │",
            "│ [Enter] ok  [Esc] cancel   │",
            "└────────────────────────────┘",
            "",
        ])
        #expect(frame.cursor == Point(x: 4, y: 3))
    }

    @Test func inputFieldScrollsToKeepTheCursorVisible() {
        let input = TextInput(String(repeating: "x", count: 40))
        let frame = render(Dialog.input(title: "Filter", prompt: "Key:", input: input), width: 30, height: 8)
        #expect(frame.lines()[3] == "│ " + String(repeating: "x", count: 25) + "  │")
        #expect(frame.cursor == Point(x: 27, y: 3))
    }

    @Test func stylesApplyToBoxFieldAndHints() {
        let dialog = Dialog.input(title: "T", prompt: "p", input: TextInput("a"))
            .style(Style(bg: .blue)).fieldStyle(Style(underline: true)).hintStyle(Style(dim: true))
        let frame = render(dialog, width: 30, height: 8)
        #expect(frame.style(at: Point(x: 1, y: 1)) == Style(bg: .blue))
        #expect(frame.style(at: Point(x: 2, y: 3)) == Style(bg: .blue, underline: true))
        #expect(frame.style(at: Point(x: 2, y: 5)) == Style(bg: .blue, dim: true))
    }

    @Test func rendersNothingInAZeroSizeArea() {
        #expect(render(Dialog.confirm(title: "t", message: "m"), width: 0, height: 0).lines().isEmpty)
    }

    @Test func rendersOnlyTheBoxFillInAOneByOneArea() {
        #expect(render(Dialog.confirm(title: "t", message: "m"), width: 1, height: 1).lines() == [" "])
    }
}
