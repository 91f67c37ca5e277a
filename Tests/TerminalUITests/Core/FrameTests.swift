import Testing
@testable import TerminalUI

@Suite struct FrameTests {
    private func frame(_ width: Int, _ height: Int = 1) -> Frame {
        Frame(size: Size(width: width, height: height))
    }

    @Test func putWritesTextAndReturnsColumnsWritten() {
        var frame = frame(10)
        #expect(frame.put("hello", at: .zero) == 5)
        #expect(frame.lines() == ["hello     "])
    }

    @Test func koreanTakesTwoColumnsPerSyllable() {
        var frame = frame(10)
        #expect(frame.put("락:쿠폰", at: .zero) == 7)
        #expect(frame.lines() == ["락:쿠폰   "])
        #expect(frame.cell(at: Point(x: 1, y: 0))?.isContinuation == true)
        #expect(frame.cell(at: Point(x: 2, y: 0))?.symbol == ":")
    }

    @Test func maxWidthCutsWithAnEllipsis() {
        var frame = frame(10)
        #expect(frame.put("락:쿠폰", at: .zero, maxWidth: 4) == 4)
        #expect(text(frame) == ["락:…"])
    }

    @Test func wideCharacterThatWouldStraddleTheCutBecomesASpace() {
        var clipped = frame(10)
        #expect(clipped.put("락쿠", at: .zero, maxWidth: 3, overflow: .clip) == 3)
        #expect(clipped.lines() == ["락        "])
        var withEllipsis = frame(10)
        #expect(withEllipsis.put("락쿠폰", at: .zero, maxWidth: 4) == 4)
        #expect(withEllipsis.lines() == ["락…       "])
    }

    @Test func frameEdgeCutsLikeMaxWidth() {
        var frame = frame(3)
        frame.put("락쿠", at: .zero, overflow: .clip)
        #expect(frame.lines() == ["락 "])
        frame.put("abcdef", at: Point(x: 1, y: 0))
        #expect(frame.lines() == [" a…"])
    }

    @Test func writingOverHalfAWideCharacterBlanksTheOtherHalf() {
        var right = frame(4)
        right.put("락", at: .zero)
        right.put("x", at: Point(x: 1, y: 0))
        #expect(right.lines() == [" x  "])

        var left = frame(4)
        left.put("락", at: .zero)
        left.put("x", at: .zero)
        #expect(left.lines() == ["x   "])

        var straddling = frame(4)
        straddling.put("락쿠", at: .zero)
        straddling.put("가", at: Point(x: 1, y: 0))
        #expect(straddling.lines() == [" 가 "])
        #expect(straddling.cells.filter(\.isContinuation).count == 1)
    }

    @Test func combiningMarksStayWithTheirBase() {
        var frame = frame(3)
        #expect(frame.put("e\u{301}x", at: .zero) == 2)
        #expect(frame.cell(at: .zero)?.symbol == "e\u{301}")
        #expect(frame.lines() == ["e\u{301}x "])
    }

    @Test func controlCharactersAreEscapedNotWritten() {
        var frame = frame(8)
        frame.put("a\u{1B}[1m", at: .zero)
        #expect(frame.lines() == ["a\\x1B[1m"])
    }

    @Test func styleAtReportsTheStyleWritten() {
        var frame = frame(4)
        frame.put("ab", at: Point(x: 1, y: 0), style: Style(fg: .red, bold: true))
        #expect(frame.style(at: Point(x: 1, y: 0)) == Style(fg: .red, bold: true))
        #expect(frame.style(at: .zero) == .plain)
        #expect(frame.style(at: Point(x: 9, y: 0)) == nil)
    }

    @Test func fillCoversOnlyTheClippedRectangle() {
        var frame = frame(4, 2)
        frame.fill(Rect(x: 2, y: 1, width: 9, height: 9), with: "#", style: Style(bg: .blue))
        #expect(frame.lines() == ["    ", "  ##"])
        #expect(frame.style(at: Point(x: 3, y: 1))?.bg == .blue)
    }

    @Test func patchStyleKeepsSymbolsAndAddsAttributes() {
        var frame = frame(3)
        frame.put("abc", at: .zero, style: Style(fg: .green))
        frame.patchStyle(Style(reverse: true), in: Rect(x: 0, y: 0, width: 2, height: 1))
        #expect(frame.lines() == ["abc"])
        #expect(frame.style(at: .zero) == Style(fg: .green, reverse: true))
        #expect(frame.style(at: Point(x: 2, y: 0)) == Style(fg: .green))
    }

    @Test func zeroSizeFrameAcceptsWritesAndHasNoLines() {
        var frame = frame(0, 0)
        #expect(frame.put("abc", at: .zero) == 0)
        frame.fill(frame.area, with: "x")
        #expect(frame.lines().isEmpty)
    }

    @Test func oneByOneFrameShowsAnEllipsisOrASpaceForAWideCharacter() {
        var ascii = frame(1)
        ascii.put("ab", at: .zero)
        #expect(ascii.lines() == ["…"])
        var wide = frame(1)
        wide.put("락", at: .zero)
        #expect(wide.lines() == ["…"])
        var clipped = frame(1)
        clipped.put("락", at: .zero, overflow: .clip)
        #expect(clipped.lines() == [" "])
        var single = frame(1)
        single.put("a", at: .zero)
        #expect(single.lines() == ["a"])
    }

    @Test func writesOutsideTheFrameAreIgnored() {
        var frame = frame(3)
        #expect(frame.put("x", at: Point(x: -1, y: 0)) == 0)
        #expect(frame.put("x", at: Point(x: 0, y: 1)) == 0)
        #expect(frame.put("x", at: Point(x: 0, y: 0), maxWidth: 0) == 0)
        #expect(frame.lines() == ["   "])
    }

    @Test func alignedPutPlacesTextRightOrCentre() {
        var frame = frame(6, 2)
        frame.put([Span("ab")], in: Rect(x: 0, y: 0, width: 6, height: 1), alignment: .right)
        frame.put([Span("ab")], in: Rect(x: 0, y: 1, width: 6, height: 1), alignment: .center)
        #expect(frame.lines() == ["    ab", "  ab  "])
    }
}
