import Testing
@testable import TerminalUI

@Suite struct PanelTests {
    @Test func drawsABorderWithATitle() {
        #expect(render(Panel(title: "Detail"), width: 12, height: 3).lines() == [
            "┌ Detail ──┐",
            "│          │",
            "└──────────┘",
        ])
    }

    @Test func longTitlesAreCut() {
        #expect(render(Panel(title: "Transactions"), width: 8, height: 2).lines() == ["┌ Tran…┐", "└──────┘"])
    }

    @Test func innerAreaIsInsideTheBorder() {
        #expect(Panel.inner(Rect(x: 0, y: 0, width: 5, height: 4)) == Rect(x: 1, y: 1, width: 3, height: 2))
    }

    @Test func rendersNothingInAZeroSizeArea() {
        #expect(render(Panel(title: "x"), width: 0, height: 0).lines().isEmpty)
    }

    @Test func oneByOneAreaIsOnlyFilled() {
        let frame = render(Panel(title: "x").style(Style(bg: .blue)), width: 1, height: 1)
        #expect(frame.lines() == [" "])
        #expect(frame.style(at: .zero) == Style(bg: .blue))
    }
}
