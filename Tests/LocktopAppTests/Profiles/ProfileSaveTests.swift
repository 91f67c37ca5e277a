import Foundation
import LocktopApp
import Testing

/// `locktop discover --save-profile`: the patterns go into the profile, the rest stays.
@Suite struct ProfileSaveTests {
    static func temporaryFile() -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("locktop-profile-\(UUID().uuidString)/config.toml").path
    }

    @Test func aNewProfileGetsThePatternsAndTheURL() throws {
        let file = Self.temporaryFile()
        try ProfileStore.savePatterns(["orders:*", "lock:{coupon:*}"], toProfile: "found", url: "redis://cache-1:6379", file: file, environment: [:])
        let profile = try ProfileStore.profile(named: "found", file: file, environment: [:])
        #expect(profile.patterns == ["orders:*", "lock:{coupon:*}"])
        #expect(profile.url == "redis://cache-1:6379")
    }

    @Test func anExistingProfileKeepsItsFieldsAndTheOtherProfilesStay() throws {
        let file = Self.temporaryFile()
        try FileManager.default.createDirectory(atPath: (file as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try """
            [profiles.prod]
            url = "redis://prod:6379"
            read_only = true
            patterns = ["lock:*"]

            [profiles.dev]
            url = "redis://dev:6379"
            """.write(toFile: file, atomically: true, encoding: .utf8)
        try ProfileStore.savePatterns(["orders:*"], toProfile: "prod", url: "redis://elsewhere:6379", file: file, environment: [:])
        let prod = try ProfileStore.profile(named: "prod", file: file, environment: [:])
        #expect(prod.patterns == ["orders:*"])
        #expect(prod.url == "redis://prod:6379")
        #expect(prod.readOnly == true)
        #expect(try ProfileStore.profile(named: "dev", file: file, environment: [:]).url == "redis://dev:6379")
    }

    @Test func aFileThatDoesNotParseIsNotRewritten() throws {
        let file = Self.temporaryFile()
        try FileManager.default.createDirectory(atPath: (file as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try "[profiles.prod\nurl = ".write(toFile: file, atomically: true, encoding: .utf8)
        #expect(throws: ProfileError.self) {
            try ProfileStore.savePatterns(["orders:*"], toProfile: "prod", url: nil, file: file, environment: [:])
        }
        #expect(try String(contentsOfFile: file, encoding: .utf8) == "[profiles.prod\nurl = ")
    }
}
