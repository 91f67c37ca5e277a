import Foundation
import Testing
@testable import TerminalUI

@Suite struct ThemeLoaderTests {
    @Test func noColorGivesMonochromeWhateverTheThemeAskedFor() throws {
        let loader = ThemeLoader(directories: [repositoryThemesDirectory], environment: ["NO_COLOR": "1"])
        #expect(loader.noColor)
        #expect(try loader.load(named: "solarized") == .monochrome)
        #expect(loader.loadOrDefault(named: "does-not-exist").theme == .monochrome)
        #expect(loader.loadOrDefault(named: nil).warning == nil)
    }

    @Test func emptyNoColorIsIgnored() throws {
        let loader = ThemeLoader(directories: [repositoryThemesDirectory], environment: ["NO_COLOR": ""])
        #expect(!loader.noColor)
        #expect(try loader.load(named: "solarized").name == "solarized")
    }

    @Test func loadsThemesByNameFromTheFirstDirectoryHavingThem() throws {
        let user = try TemporaryDirectory()
        defer { user.remove() }
        try user.write("solarized.toml", "name = \"mine\"\n[styles]\nnormal = { fg = \"red\" }\n")
        let loader = ThemeLoader(directories: [user.path, repositoryThemesDirectory], environment: [:])
        #expect(try loader.load(named: "solarized").name == "mine")
        #expect(try loader.load(named: "light").name == "light")
    }

    @Test func builtInThemesNeedNoFile() throws {
        let loader = ThemeLoader(directories: [], environment: [:])
        #expect(try loader.load(named: "default") == .default)
        #expect(try loader.load(named: "monochrome") == .monochrome)
        #expect(loader.themeNames() == ["default", "monochrome"])
    }

    @Test func unknownThemeNameIsNotFound() {
        let loader = ThemeLoader(directories: ["/nonexistent"], environment: [:])
        #expect(throws: ThemeError.notFound(name: "neon", searched: ["/nonexistent"])) {
            try loader.load(named: "neon")
        }
    }

    @Test func brokenThemeFallsBackToTheDefaultWithAWarningNamingFileLineAndField() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let file = try directory.write("broken.toml", "[styles]\nnormal = {}\nheader = { fg = \"purpl\" }\n")
        let result = ThemeLoader(directories: [directory.path], environment: [:]).loadOrDefault(named: "broken")
        #expect(result.theme == .default)
        #expect(result.warning?.file == file)
        #expect(result.warning?.line == 3)
        #expect(result.warning?.field == "styles.header.fg")
        #expect(result.warning?.description.hasPrefix("\(file):3: styles.header.fg: unknown colour") == true)
    }

    @Test func badSyntaxInAFileReportsTheFileAndLine() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let file = try directory.write("syntax.toml", "name = \"x\"\n\n[styles\n")
        #expect {
            try ThemeLoader.load(file: file)
        } throws: { error in
            guard let error = error as? ThemeError, case .syntax = error else { return false }
            return error.file == file && error.line == 3
        }
    }

    @Test func aPathLoadsThatFile() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let file = try directory.write("custom.toml", "[styles]\nnormal = { bold = true }\n")
        let theme = try ThemeLoader(directories: [], environment: [:]).load(named: file)
        #expect(theme.name == "custom")
        #expect(theme[.normal] == Style(bold: true))
    }

    @Test func missingFileIsUnreadable() {
        #expect {
            try ThemeLoader.load(file: "/nonexistent/x.toml")
        } throws: { error in
            guard case .unreadable(let file, _) = error as? ThemeError else { return false }
            return file == "/nonexistent/x.toml"
        }
    }

    @Test func themeNamesListEveryFileAndTheBuiltIns() {
        let names = ThemeLoader(directories: [repositoryThemesDirectory], environment: [:]).themeNames()
        #expect(names == ["default", "high-contrast", "light", "monochrome", "production", "solarized"])
    }

    @Test func standardDirectoriesAreUserConfigThenInstallThenCheckout() throws {
        let root = try TemporaryDirectory()
        defer { root.remove() }
        try root.write("config/locktop/themes/a.toml", "")
        try root.write("prefix/bin/themes/b.toml", "")
        try root.write("prefix/share/locktop/themes/c.toml", "")
        try root.write("checkout/themes/d.toml", "")
        try root.write("checkout/Package.swift", "")
        try FileManager.default.createDirectory(atPath: root.path + "/checkout/Sources/deep", withIntermediateDirectories: true)
        let directories = ThemeLoader.standardDirectories(
            environment: ["XDG_CONFIG_HOME": root.path + "/config", "HOME": "/nonexistent"],
            executablePath: root.path + "/prefix/bin/locktop",
            currentDirectory: root.path + "/checkout/Sources/deep")
        let relative = directories.map { String($0.dropFirst(root.path.count)) }
        #expect(relative == [
            "/config/locktop/themes", "/prefix/bin/themes", "/prefix/share/locktop/themes", "/checkout/themes",
        ])
    }

    @Test func homeConfigIsUsedWithoutXDGConfigHome() throws {
        let home = try TemporaryDirectory()
        defer { home.remove() }
        try home.write(".config/locktop/themes/a.toml", "")
        let directories = ThemeLoader.standardDirectories(
            environment: ["HOME": home.path], executablePath: nil, currentDirectory: "/")
        #expect(directories == [home.path + "/.config/locktop/themes"])
    }
}
