import Testing
@testable import TerminalUI

@Suite struct TextBlockTests {
    @Test func wrapsAtSpacesToTheAreaWidth() {
        let frame = render(TextBlock("the quick brown fox jumps"), width: 10, height: 4)
        #expect(text(frame) == ["the quick", "brown fox", "jumps", ""])
    }

    @Test func newlinesStartNewLines() {
        let frame = render(TextBlock("owner: web-1\n\nttl: 3s"), width: 20, height: 3)
        #expect(text(frame) == ["owner: web-1", "", "ttl: 3s"])
    }

    @Test func withoutWrappingLongLinesAreCutWithAnEllipsis() {
        let frame = render(TextBlock("the quick brown fox").wrapping(false), width: 10, height: 1)
        #expect(frame.lines() == ["the quick…"])
    }

    @Test func scrollSkipsDisplayLines() {
        let frame = render(TextBlock("one two three four").scroll(2), width: 5, height: 2)
        #expect(text(frame) == ["three", "four"])
    }

    @Test func spansKeepTheirStylesOverTheBlockStyle() {
        let block = TextBlock(lines: [[Span("key ", style: Style(dim: true)), Span("락:쿠폰", style: Style(fg: .cyan))]])
            .style(Style(bg: .black))
        let frame = render(block, width: 12, height: 1)
        #expect(text(frame) == ["key 락:쿠폰"])
        #expect(frame.style(at: .zero) == Style(bg: .black, dim: true))
        #expect(frame.style(at: Point(x: 4, y: 0)) == Style(fg: .cyan, bg: .black))
        #expect(frame.style(at: Point(x: 11, y: 0)) == Style(bg: .black))
    }

    @Test func lineCountTellsTheWrappedHeight() {
        #expect(TextBlock("the quick brown fox jumps").lineCount(width: 10) == 3)
        #expect(TextBlock("abc").lineCount(width: 0) == 0)
    }

    @Test func rightAlignmentPadsOnTheLeft() {
        #expect(render(TextBlock("ab").alignment(.right), width: 5, height: 1).lines() == ["   ab"])
    }

    @Test func rendersNothingInAZeroSizeArea() {
        #expect(render(TextBlock("abc"), width: 0, height: 0).lines().isEmpty)
        var frame = Frame(size: Size(width: 3, height: 1))
        TextBlock("abc").render(in: Rect(x: 1, y: 0, width: 0, height: 1), into: &frame)
        #expect(frame.lines() == ["   "])
    }

    @Test func rendersOneColumnInAOneByOneArea() {
        #expect(render(TextBlock("abc"), width: 1, height: 1).lines() == ["a"])
        #expect(render(TextBlock("락"), width: 1, height: 1).lines() == [" "])
    }
}
