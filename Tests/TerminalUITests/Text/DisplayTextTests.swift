import Testing
@testable import TerminalUI

@Suite struct DisplayTextTests {
    @Test(arguments: [
        ("a\tb\n", "a\\tb\\n"),
        ("\r\n", "\\r\\n"),
        ("\u{1B}[31mred", "\\x1B[31mred"),
        ("\u{7F}", "\\x7F"),
        ("\u{85}", "\\u0085"),
        ("abc\u{202E}def", "abc\\u202Edef"),  // a right-to-left override would reorder the screen
        ("line\u{2028}break", "line\\u2028break"),
    ])
    func controlsAreEscaped(input: String, shown: String) {
        #expect(DisplayText(input).description == shown)
        #expect(DisplayText(input).width == shown.count)
    }

    @Test(arguments: [
        ([0x6B, 0xFF, 0x0A] as [UInt8], "k\\xFF\\n"),
        ([0xEB, 0x9D, 0xBD] as [UInt8], "락"),
        ([0xEB, 0x9D] as [UInt8], "\\xEB\\x9D"),  // a truncated sequence
        ([0xC0, 0xAF] as [UInt8], "\\xC0\\xAF"),  // overlong "/"
        ([0xED, 0xA0, 0x80] as [UInt8], "\\xED\\xA0\\x80"),  // a UTF-16 surrogate
        ([0xF4, 0x90, 0x80, 0x80] as [UInt8], "\\xF4\\x90\\x80\\x80"),  // past U+10FFFF
        ([0xEB, 0x9D, 0xBD, 0xFF, 0xEC, 0xBF, 0xA0] as [UInt8], "락\\xFF쿠"),
        ([] as [UInt8], ""),
        (Array("a\\x0a".utf8), "a\\\\x0a"),  // a written-out escape never looks like the byte
    ])
    func invalidUTF8BytesAreShownEscaped(bytes: [UInt8], shown: String) {
        #expect(DisplayText(bytes: bytes).description == shown)
    }

    @Test func escapedBytesCountTheirEscapeWidth() {
        let text = DisplayText(bytes: [0xEB, 0x9D, 0xBD, 0xFF, 0xEC, 0xBF, 0xA0])
        #expect(text.width == 2 + 4 + 2)
    }

    @Test func textThatFitsIsNotTruncated() {
        let text = DisplayText("락:쿠폰")
        #expect(text.truncated(to: 7) == text)
        #expect(text.truncated(to: 100) == text)
    }

    @Test func truncationMarksTheCutWithAnEllipsis() {
        #expect(DisplayText("locktop").truncated(to: 5).description == "lock…")
        #expect(DisplayText("locktop").truncated(to: 5, ellipsis: false).description == "lockt")
        #expect(DisplayText("locktop").truncated(to: 1).description == "…")
        #expect(DisplayText("locktop").truncated(to: 0).description == "")
        #expect(DisplayText("locktop").truncated(to: -3).description == "")
    }

    @Test func truncationReplacesAStraddlingWideCharacterWithASpace() {
        #expect(DisplayText("락쿠폰").truncated(to: 4).description == "락… ")
        #expect(DisplayText("락쿠폰").truncated(to: 3, ellipsis: false).description == "락 ")
        #expect(DisplayText("👍👍").truncated(to: 3, ellipsis: false).description == "👍 ")
    }

    @Test func aTenThousandCharacterKeyIsTruncatedToTheWidthWithAnEllipsis() {
        let key = String(repeating: "락", count: 5_000) + String(repeating: "k", count: 5_000)
        let odd = DisplayText(key).truncated(to: 41)
        #expect(odd.width == 41)
        #expect(odd.description == String(repeating: "락", count: 20) + "…")
        let even = DisplayText(key).truncated(to: 40)
        #expect(even.width == 40)
        #expect(even.description == String(repeating: "락", count: 19) + "… ")
        let ascii = DisplayText(String(repeating: "x", count: 10_000)).truncated(to: 30)
        #expect(ascii.description == String(repeating: "x", count: 29) + "…")
    }

    @Test func truncationNeverSplitsACharacterAtAnyWidth() {
        let text = DisplayText("a락👨‍👩‍👧e\u{301}❤️쿠b")
        let originals = Set(text.graphemes)
        for width in 0...text.width + 2 {
            let cut = text.truncated(to: width)
            #expect(cut.width == min(width, text.width) || (width < 0 && cut.width == 0))
            for grapheme in cut.graphemes {
                #expect(originals.contains(grapheme) || grapheme == .ellipsis || grapheme == .space)
            }
        }
    }

    @Test func concatenationAddsWidths() {
        #expect((DisplayText("락") + DisplayText("ab")).width == 4)
        #expect(DisplayText.empty.isEmpty)
    }
}
