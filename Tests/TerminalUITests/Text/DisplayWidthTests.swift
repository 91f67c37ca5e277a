import Testing
@testable import TerminalUI

@Suite struct DisplayWidthTests {
    @Test(arguments: [
        ("abc", 3),
        ("락:쿠폰", 7),
        ("중문", 4),
        ("カタカナ", 8),
        ("ｶﾀｶﾅ", 4),  // halfwidth katakana
        ("ＡＢ", 4),  // fullwidth forms
        ("\u{1100}\u{1161}\u{11A8}", 2),  // a Hangul syllable written as conjoining jamo
        ("👍", 2),
        ("👍🏽", 2),
        ("👨‍👩‍👧", 2),
        ("❤️", 2),
        ("❤", 1),
        ("🇰🇷", 2),
        ("1️⃣", 2),
        ("e\u{301}", 1),
        ("\u{200B}", 0),
        ("…", 1),
    ])
    func widthInColumns(text: String, columns: Int) {
        #expect(DisplayWidth.of(text) == columns)
    }

    @Test func zwjFamilyIsOneGraphemeOfWidthTwo() {
        let family = "👨‍👩‍👧"
        #expect(family.count == 1)
        #expect(DisplayText(family).graphemes == [Grapheme(symbol: family, width: 2)])
    }

    @Test func combiningMarkAloneHasNoWidth() {
        #expect(DisplayWidth.of(Character("\u{301}")) == 0)
        #expect(DisplayWidth.of("\u{301}" as Unicode.Scalar) == 0)
    }

    @Test func controlsAreEscapedSoTheyCountAsTheirEscape() {
        #expect(DisplayWidth.of("a\tb") == 4)  // a \t b
        #expect(DisplayWidth.of(Character("\u{7}")) == 0)
    }

    @Test func widthDoesNotDependOnTheCLocale() {
        // In the "C" locale wcwidth says -1 for Hangul; the width must come from Unicode data instead.
        #expect(DisplayWidth.of("한국어") == 6)
    }
}
