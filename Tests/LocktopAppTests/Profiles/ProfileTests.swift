import Foundation
import LocktopApp
import RedisClient
import Testing

@Suite struct ProfileTests {
    static let file = "/home/ops/.config/locktop/config.toml"
    static let source = """
        # production: look, don't touch
        [profiles.prod]
        url = "redis://cache-1:6380/2"
        user = "ops"
        password_env = "PROD_REDIS_PASSWORD"
        patterns = ["lock:*", "saga:*"]
        read_only = true
        theme = "production"
        refresh = 0.5

        [profiles.shards]
        cluster = "10.0.0.5:7000,10.0.0.6"

        [profiles.ha]
        sentinel = "10.0.0.1:26379,10.0.0.2"
        master = "orders"
        db = 3
        """

    private func profile(_ name: String, _ source: String = source) throws -> ConnectionProfile {
        try #require(try ProfileParser.parse(source, file: Self.file)[name])
    }

    @Test func everyFieldIsRead() throws {
        let prod = try profile("prod")
        #expect(prod.url == "redis://cache-1:6380/2")
        #expect(prod.user == "ops")
        #expect(prod.passwordEnvironmentVariable == "PROD_REDIS_PASSWORD")
        #expect(prod.patterns == ["lock:*", "saga:*"])
        #expect(prod.readOnly == true)
        #expect(prod.theme == "production")
        #expect(prod.refresh == 0.5)
        let ha = try profile("ha")
        #expect(ha.sentinel == "10.0.0.1:26379,10.0.0.2")
        #expect(ha.master == "orders")
        #expect(ha.database == 3)
    }

    @Test func theProfileFillsInWhatTheFlagsLeaveOut() throws {
        let endpoint = try EndpointFlags().endpoint(profile: try profile("prod"), environment: ["PROD_REDIS_PASSWORD": "s3cret"])
        #expect(endpoint.address == .tcp(host: "cache-1", port: 6380))
        #expect(endpoint.database == 2)
        #expect(endpoint.username == "ops")
        #expect(endpoint.password == "s3cret")
        let ha = try EndpointFlags().endpoint(profile: try profile("ha"), environment: [:])
        #expect(ha.address == .sentinel(SentinelAddress(nodes: [.init(host: "10.0.0.1", port: 26379), .init(host: "10.0.0.2", port: 26379)],
                                                        master: "orders")))
        #expect(ha.database == 3)
        let shards = try EndpointFlags().endpoint(profile: try profile("shards"), environment: [:])
        #expect(shards.address == .cluster(ClusterAddress(seeds: [.init(host: "10.0.0.5", port: 7000), .init(host: "10.0.0.6", port: 6379)])))
        let flagged = try EndpointFlags(url: "redis://10.0.0.7:7001", cluster: true).endpoint(profile: nil, environment: [:])
        #expect(flagged.address == .cluster(ClusterAddress(seeds: [.init(host: "10.0.0.7", port: 7001)])))
        #expect(throws: EndpointSettingsError.self) { try EndpointFlags(url: "redis://10.0.0.7/3", cluster: true).endpoint(profile: nil, environment: [:]) }
    }

    @Test func flagsWin() throws {
        let environment = ["PROD_REDIS_PASSWORD": "s3cret"]
        let flagged = try EndpointFlags(port: 7000, database: 5, user: "me").endpoint(profile: try profile("prod"), environment: environment)
        // A flag that picks the server replaces the profile's URL entirely.
        #expect(flagged.address == .tcp(host: "127.0.0.1", port: 7000))
        #expect(flagged.database == 5)
        #expect(flagged.username == "me")
        let settings = DashboardSettings(readOnly: false, theme: "light", refresh: 2, patterns: ["mutex:*"], profile: try profile("prod"))
        #expect(settings.theme == "light")
        #expect(settings.refresh == 2)
        #expect(settings.patterns == ["mutex:*"])
    }

    @Test func aProfilesReadOnlyCannotBeTurnedOff() throws {
        let settings = DashboardSettings(readOnly: false, theme: nil, refresh: nil, patterns: [], profile: try profile("prod"))
        #expect(settings.readOnly)
        #expect(settings.theme == "production")
        #expect(settings.refresh == 0.5)
        #expect(settings.patterns == ["lock:*", "saga:*"])
        let defaults = DashboardSettings(readOnly: false, theme: nil, refresh: nil, patterns: [], profile: nil)
        #expect(!defaults.readOnly && defaults.theme == nil && defaults.refresh == 1 && defaults.patterns.isEmpty)
    }

    @Test func thePasswordComesFromTheURLThenThePasswordEnvThenREDISCLIAUTH() throws {
        let prod = try profile("prod")
        #expect(throws: EndpointSettingsError("profile prod reads the password from $PROD_REDIS_PASSWORD, which is not set")) {
            try EndpointFlags().endpoint(profile: prod, environment: ["REDISCLI_AUTH": "generic"])
        }
        let inURL = try EndpointFlags(url: "redis://:fromurl@cache-2").endpoint(profile: prod, environment: [:])
        #expect(inURL.password == "fromurl")
        let plain = try EndpointFlags().endpoint(profile: try profile("ha"), environment: ["REDISCLI_AUTH": "generic"])
        #expect(plain.password == "generic")
    }

    @Test(arguments: [
        ("[profiles.prod]\nurl = \"redis://x\"\nreadonly = true\n", 3, "profiles.prod.readonly", "unknown field"),
        ("[profiles.prod]\nurl = \"redis://x\"\n\nrefresh = \"fast\"\n", 4, "profiles.prod.refresh", "number of seconds"),
        ("[profiles.prod]\npatterns = \"lock:*\"\n", 2, "profiles.prod.patterns", "list of key globs"),
        ("[profiles.prod]\nurl = \"redis://x\"\ncluster = \"10.0.0.5:7000\"\n", 3, "profiles.prod.cluster", "give one of url, cluster"),
        ("[profiles.prod]\ncluster = \"10.0.0.5:port\"\n", 2, "profiles.prod.cluster", "port between 1 and 65535"),
        ("[profiles.prod]\nsentinel = \"a:1\"\n", 2, "profiles.prod.sentinel", "sentinel and master go together"),
        ("[profile.prod]\nurl = \"redis://x\"\n", 1, "profile", "unknown key"),
    ])
    func aBrokenFieldNamesFileLineAndField(_ source: String, _ line: Int, _ field: String, _ message: String) {
        do {
            _ = try ProfileParser.parse(source, file: Self.file)
            Issue.record("\(source) parsed")
        } catch {
            guard case .invalidField(let file, let reportedLine, let reportedField, let reason) = error else {
                Issue.record("expected a field error, got \(error)")
                return
            }
            #expect(file == Self.file)
            #expect(reportedLine == line)
            #expect(reportedField == field)
            #expect(reason.contains(message), "\(reason)")
        }
    }

    @Test func invalidTOMLNamesTheLine() {
        #expect(throws: ProfileError.self) { try ProfileParser.parse("[profiles.prod]\nurl = \"redis://x\n", file: Self.file) }
        do {
            _ = try ProfileParser.parse("[profiles.prod]\nurl = \"redis://x\n", file: Self.file)
        } catch {
            guard case .syntax(_, let line, _, _) = error else { Issue.record("expected a syntax error, got \(error)"); return }
            #expect(line == 2)
        }
    }

    @Test func aBrokenProfileDoesNotKeepAnotherFromBeingUsed() throws {
        let source = Self.source + "\n[profiles.broken]\nrefresh = -1\n"
        let prod = try #require(try ProfileParser.parse(source, file: Self.file, only: "prod")["prod"])
        #expect(prod.theme == "production")
    }

    @Test func theFileIsFoundUnderXDGConfigHomeOrHome() throws {
        #expect(ProfileStore.configurationFile(environment: ["XDG_CONFIG_HOME": "/xdg", "HOME": "/home/a"]) == "/xdg/locktop/config.toml")
        #expect(ProfileStore.configurationFile(environment: ["HOME": "/home/a"]) == "/home/a/.config/locktop/config.toml")
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("locktop-profiles-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("locktop"), withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try Data(Self.source.utf8).write(to: folder.appendingPathComponent("locktop/config.toml"))
        let environment = ["XDG_CONFIG_HOME": folder.path]
        #expect(try ProfileStore.profile(named: "ha", environment: environment).master == "orders")
        #expect(throws: ProfileError.notFound(name: "staging", file: folder.path + "/locktop/config.toml", available: ["ha", "prod", "shards"])) {
            try ProfileStore.profile(named: "staging", environment: environment)
        }
    }
}
