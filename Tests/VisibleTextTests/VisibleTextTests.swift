import Testing
import TestSupport
import VisibleText

@Suite struct VisibleTextTests {
    /// No byte a terminal acts on survives: C0, DEL and (as UTF-8) C1 controls, ESC above all.
    private func hasRawControl(_ text: String) -> Bool {
        text.unicodeScalars.contains { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) }
    }

    @Test func everyByteValueAloneIsShownWithoutRawControlsAndComesBack() {
        for value in 0...255 {
            let bytes = [UInt8(value)]
            let text = VisibleText.escape(bytes)
            #expect(!hasRawControl(text), "byte \(value) -> \(text)")
            #expect(VisibleText.bytes(of: text) == bytes, "byte \(value) -> \(text)")
        }
    }

    @Test func everyByteValueInsideTextIsShownWithoutRawControls() {
        for value in 0...255 {
            let bytes = Array("lock:".utf8) + [UInt8(value)] + Array("-4242".utf8)
            let text = VisibleText.escape(bytes)
            #expect(!hasRawControl(text))
            #expect(VisibleText.bytes(of: text) == bytes)
        }
    }

    @Test(arguments: [
        ("OSC title", "\u{1B}]2;PWNED\u{07}", "\\x1B]2;PWNED\\x07"),
        ("CSI clear", "\u{1B}[2J\u{1B}[H", "\\x1B[2J\\x1B[H"),
        ("bracketed paste", "\u{1B}[200~rm -rf /\u{1B}[201~", "\\x1B[200~rm -rf /\\x1B[201~"),
        ("BEL", "\u{07}", "\\x07"),
        ("RTL override", "abc\u{202E}fed", "abc\\u202Efed"),
        ("C1 CSI", "\u{9B}2J", "\\u009B2J"),
        ("newline and tab", "a\nb\tc\r", "a\\nb\\tc\\r"),
        ("backslash", "a\\x0a", "a\\\\x0a"),
    ])
    func classicSequencesAreEscaped(_ name: String, _ input: String, _ expected: String) {
        #expect(VisibleText.escape(input) == expected, "\(name)")
        #expect(VisibleText.bytes(of: expected) == Array(input.utf8), "\(name)")
    }

    @Test func validUTF8IsKeptAsItself() {
        for text in ["락:쿠폰:123", "🔒 order 42", "e\u{301}", "日本語", "plain:ascii"] {
            #expect(VisibleText.escape(text) == text)
        }
    }

    @Test func invalidUTF8IsShownByteByByte() {
        #expect(VisibleText.escape([0xFF, 0xFE]) == "\\xFF\\xFE")
        #expect(VisibleText.escape([0xC3]) == "\\xC3")
        #expect(VisibleText.escape([0xED, 0xA0, 0x80]) == "\\xED\\xA0\\x80")  // a surrogate
    }

    @Test func aNewlineAndItsWrittenOutFormNeverLookTheSame() {
        let real = VisibleText.escape(Array("k\nv".utf8))
        let written = VisibleText.escape(Array("k\\x0Av".utf8))
        let writtenShort = VisibleText.escape(Array("k\\nv".utf8))
        #expect(Set([real, written, writtenShort]).count == 3)
        #expect(VisibleText.escape([0xFF]) != VisibleText.escape(Array("\\xFF".utf8)))
    }

    @Test func tenThousandRandomByteStringsRoundTripWithoutCollisions() {
        var generator = SeededGenerator(seed: 0x10C7_0F)
        var seen: [String: [UInt8]] = [:]
        for _ in 0..<10_000 {
            let bytes = (0..<Int.random(in: 0...24, using: &generator)).map { _ in UInt8.random(in: 0...255, using: &generator) }
            let text = VisibleText.escape(bytes)
            #expect(!hasRawControl(text))
            #expect(VisibleText.bytes(of: text) == bytes)
            if let earlier = seen[text] { #expect(earlier == bytes, "collision: \(text)") }
            seen[text] = bytes
        }
    }

    @Test func textThatIsNotEscapedTextIsRefused() {
        #expect(VisibleText.bytes(of: "dangling\\") == nil)
        #expect(VisibleText.bytes(of: "\\q") == nil)
        #expect(VisibleText.bytes(of: "\\xZZ") == nil)
    }
}
