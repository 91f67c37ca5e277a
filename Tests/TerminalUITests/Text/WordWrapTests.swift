import Testing
@testable import TerminalUI

@Suite struct WordWrapTests {
    private func wrap(_ text: String, _ width: Int) -> [String] {
        let graphemes = [Span(text)].styledGraphemes
        return WordWrap.wrap(graphemes, width: width).map { $0.map(\.grapheme.symbol).joined() }
    }

    @Test func linesBreakAtSpacesAndDropThem() {
        #expect(wrap("the quick brown fox jumps", 10) == ["the quick", "brown fox", "jumps"])
    }

    @Test func wideCharactersCountTwoColumns() {
        #expect(wrap("락:쿠폰 락:쿠폰", 8) == ["락:쿠폰", "락:쿠폰"])
        #expect(wrap("가나다", 5) == ["가나", "다"])
    }

    @Test func longWordsAreBrokenBetweenGraphemes() {
        #expect(wrap("abcdefghij", 4) == ["abcd", "efgh", "ij"])
        #expect(wrap("key: abcdefgh", 6) == ["key: a", "bcdefg", "h"])
    }

    @Test func leadingIndentationIsKept() {
        #expect(wrap("  indented text", 20) == ["  indented text"])
    }

    @Test func emptyTextIsOneEmptyLine() {
        #expect(wrap("", 5) == [""])
    }

    @Test func zeroWidthGivesNoLinesAndOneColumnDropsWideCharacters() {
        #expect(wrap("abc", 0).isEmpty)
        #expect(wrap("a락b", 1) == ["a", "b"])
    }
}
