import Testing
@testable import TerminalUI

@Suite struct ThemeParserTests {
    private func parse(_ source: String) throws(ThemeError) -> Theme {
        try ThemeLoader.parse(source, file: "test.toml", name: "test")
    }

    @Test func paletteNamesAndColourLiteralsResolve() throws {
        let theme = try parse("""
            [palette]
            amber = 214
            sea = "#005f87"

            [styles]
            warning = { fg = "amber", bold = true }
            header = { fg = "bright_white", bg = "sea", underline = true }
            selected = { reverse = true, dim = true }
            normal = { fg = 7 }
            """)
        #expect(theme.name == "test")
        #expect(theme[.warning] == Style(fg: .indexed(214), bold: true))
        #expect(theme[.header] == Style(fg: .brightWhite, bg: .indexed(24), underline: true))
        #expect(theme[.selected] == Style(reverse: true, dim: true))
        #expect(theme[.critical] == Style(fg: .white))  // missing roles use normal
    }

    @Test func nameInTheFileWinsOverTheFileName() throws {
        #expect(try parse("name = \"night\"").name == "night")
    }

    @Test func badTOMLSyntaxReportsFileAndLine() {
        let source = """
            name = "broken"
            [styles]
            header = { fg = "red"
            """
        #expect {
            try parse(source)
        } throws: { error in
            guard case .syntax(let file, let line, _, _) = error as? ThemeError else { return false }
            return file == "test.toml" && line == 3
        }
    }

    @Test func unknownColourNameReportsFileLineAndField() {
        let source = """
            name = "typo"

            [palette]
            amber = 214

            [styles]
            normal = {}
            header = { fg = "purpl", bold = true }
            """
        #expect(throws: ThemeError.invalidField(
            file: "test.toml", line: 8, field: "styles.header.fg",
            message: "unknown colour \"purpl\" (palette: amber; or an ANSI name, 0-255, \"#rrggbb\")"
        )) {
            try parse(source)
        }
    }

    @Test func errorDescriptionNamesFileLineAndField() {
        do {
            _ = try parse("[styles]\nheader = { fg = \"purpl\" }")
            Issue.record("expected an error")
        } catch {
            #expect(error.description.hasPrefix("test.toml:2: styles.header.fg: unknown colour \"purpl\""))
            #expect(error.file == "test.toml")
            #expect(error.line == 2)
            #expect(error.field == "styles.header.fg")
        }
    }

    @Test func fieldsInStyleSubtablesAreLocatedToo() {
        let source = """
            [styles.header]
            bold = true
            fg = "nope"
            """
        #expect(throws: ThemeError.self) { try parse(source) }
        do {
            _ = try parse(source)
        } catch {
            #expect(error.line == 3)
            #expect(error.field == "styles.header.fg")
        }
    }

    @Test(arguments: [
        ("[palette]\nbad = \"ultraviolet\"", "palette.bad", 2),
        ("[palette]\nbig = 300", "palette.big", 2),
        ("[styles]\nheadr = { bold = true }", "styles.headr", 2),
        ("[styles]\n\nheader = { bolt = true }", "styles.header.bolt", 3),
        ("[styles]\nheader = { bold = \"yes\" }", "styles.header.bold", 2),
        ("[styles]\nheader = \"red\"", "styles.header", 2),
        ("colour = 1", "colour", 1),
        ("name = 3", "name", 1),
        ("styles = 3", "styles", 1),
    ])
    func semanticErrorsNameTheField(source: String, field: String, line: Int) {
        do {
            _ = try parse(source)
            Issue.record("expected an error for \(field)")
        } catch {
            #expect(error.field == field)
            #expect(error.line == line)
        }
    }
}
