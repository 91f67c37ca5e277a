import Foundation
import Testing
@testable import TerminalUI

@Suite struct ShippedThemesTests {
    static let names = ["default", "light", "solarized", "high-contrast", "monochrome", "production"]

    @Test(arguments: names)
    func everyShippedThemeParsesAndStylesEveryRole(name: String) throws {
        let theme = try ThemeLoader.load(file: repositoryThemesDirectory + "/\(name).toml")
        #expect(theme.name == name)
        let missing = Theme.Role.allCases.filter { theme.styles[$0] == nil }
        #expect(missing.isEmpty, "roles missing from \(name).toml: \(missing)")
    }

    @Test func theThemesFolderHoldsExactlyTheShippedThemes() throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: repositoryThemesDirectory)
        #expect(Set(files.filter { $0.hasSuffix(".toml") }) == Set(Self.names.map { $0 + ".toml" }))
    }

    @Test func defaultFileMatchesTheBuiltInDefault() throws {
        #expect(try ThemeLoader.load(file: repositoryThemesDirectory + "/default.toml") == Theme.default)
    }

    @Test func monochromeFileMatchesTheBuiltInMonochromeAndHasNoColour() throws {
        let theme = try ThemeLoader.load(file: repositoryThemesDirectory + "/monochrome.toml")
        #expect(theme == Theme.monochrome)
        #expect(theme.styles.values.allSatisfy { $0.fg == .default && $0.bg == .default })
    }

    @Test func builtInThemesStyleEveryRole() {
        for theme in [Theme.default, Theme.monochrome] {
            #expect(Set(theme.styles.keys) == Set(Theme.Role.allCases))
        }
    }

    @Test func solarizedHexColoursMapToThe256Palette() throws {
        let theme = try ThemeLoader.load(file: repositoryThemesDirectory + "/solarized.toml")
        #expect(theme[.normal].bg == .indexed(234))
    }
}
