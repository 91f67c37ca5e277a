import Testing
@testable import TerminalUI

@Suite struct TOMLSourceLocatorTests {
    private let source = """
        # comment with [brackets] and x = 1
        name = "x"

        [palette]
        amber = 214 # trailing = comment

        [styles]
        header = { fg = "amber", bg = "#000000", bold = true }
        "quoted.key" = { fg = "red" }
        selected.fg = "blue"

        [styles.title]
        fg = "red"
        """

    @Test func findsKeysUnderTableHeaders() {
        #expect(TOMLSourceLocator.line(of: ["name"], in: source) == 2)
        #expect(TOMLSourceLocator.line(of: ["palette", "amber"], in: source) == 5)
        #expect(TOMLSourceLocator.line(of: ["styles", "title", "fg"], in: source) == 13)
    }

    @Test func findsKeysInsideInlineTables() {
        #expect(TOMLSourceLocator.line(of: ["styles", "header", "bold"], in: source) == 8)
    }

    @Test func understandsQuotedAndDottedKeys() {
        #expect(TOMLSourceLocator.line(of: ["styles", "quoted.key", "fg"], in: source) == 9)
        #expect(TOMLSourceLocator.line(of: ["styles", "selected", "fg"], in: source) == 10)
    }

    @Test func fallsBackToTheNearestWrittenAncestor() {
        #expect(TOMLSourceLocator.line(of: ["styles", "missing", "fg"], in: source) == 7)
        #expect(TOMLSourceLocator.line(of: ["nowhere"], in: source) == nil)
    }
}
