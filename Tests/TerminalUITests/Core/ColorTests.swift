import Testing
@testable import TerminalUI

@Suite struct ColorTests {
    @Test(arguments: [
        ("default", Color.default),
        ("red", .red),
        ("bright_red", .brightRed),
        ("bright-red", .brightRed),
        ("brightRed", .brightRed),
        ("BRIGHT WHITE", .brightWhite),
        ("214", .indexed(214)),
        ("9", .brightRed),
        ("#ff0000", .indexed(196)),
        ("#002b36", .indexed(234)),  // Solarized base03: the grey ramp is nearer than the cube
    ])
    func namesParse(name: String, color: Color) {
        #expect(Color(name: name) == color)
    }

    @Test(arguments: ["purple", "256", "#12345", "#gggggg", ""])
    func unknownNamesDoNotParse(name: String) {
        #expect(Color(name: name) == nil)
    }

    @Test func lowPaletteIndicesAreTheNamedColours() {
        #expect(Color(paletteIndex: 1) == .red)
        #expect(Color(paletteIndex: 200) == .indexed(200))
        #expect(Color.brightWhite.paletteIndex == 15)
        #expect(Color.default.paletteIndex == nil)
    }

    @Test func coloursFallBackOnTerminalsWithFewerColours() {
        #expect(Color.indexed(196).index(forColorCount: 256) == 196)
        #expect(Color.indexed(196).index(forColorCount: 16) == 9)
        #expect(Color.indexed(196).index(forColorCount: 8) == 1)
        #expect(Color.brightBlue.index(forColorCount: 8) == 4)
        #expect(Color.indexed(244).index(forColorCount: 16) == 8)
        #expect(Color.red.index(forColorCount: 0) == -1)
        #expect(Color.default.index(forColorCount: 256) == -1)
    }

    @Test func patchingLaysColoursAndAttributesOver() {
        let base = Style(fg: .red, bg: .black, bold: true)
        #expect(base.patched(with: Style(bg: .blue, reverse: true)) == Style(fg: .red, bg: .blue, bold: true, reverse: true))
        #expect(base.patched(with: .plain) == base)
    }
}
