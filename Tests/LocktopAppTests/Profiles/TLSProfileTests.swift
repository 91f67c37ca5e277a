import LocktopApp
import RedisClient
import Testing

/// TLS settings from flags and profiles become the endpoint's `TLSOptions`.
@Suite struct TLSProfileTests {
    static let source = """
        [profiles.azure]
        url = "redis://cache.example.net:6380"
        tls = true
        cacert = "/etc/ssl/azure-ca.pem"
        cert = "/etc/locktop/client.pem"
        key = "/etc/locktop/client.key"
        sni = "cache.example.net"

        [profiles.lab]
        cluster = "10.0.0.5:7000"
        insecure = true
        """

    private func profile(_ name: String) throws -> ConnectionProfile {
        try #require(try ProfileParser.parse(Self.source, file: "config.toml")[name])
    }

    @Test func aProfilesTLSFieldsMakeTheEndpointsOptions() throws {
        let endpoint = try EndpointFlags().endpoint(profile: try profile("azure"),
                                                    environment: [TLSOptions.keyPassphraseEnvironmentVariable: "pass"])
        #expect(endpoint.tls == TLSOptions(caFile: "/etc/ssl/azure-ca.pem", certificateFile: "/etc/locktop/client.pem",
                                           keyFile: "/etc/locktop/client.key", keyPassphrase: "pass", serverName: "cache.example.net"))
    }

    @Test func insecureAloneTurnsTLSOnForEveryClusterNode() throws {
        let endpoint = try EndpointFlags().endpoint(profile: try profile("lab"), environment: [:])
        #expect(endpoint.tls?.verifiesPeer == false)
        #expect(endpoint.node("10.0.0.6", 7001).tls?.verifiesPeer == false)
        #expect(ConnectionSecurity(endpoint.tls) == .tlsInsecure)
    }

    @Test func flagsWinOverTheProfileAndAServerChosenByFlagsDropsTheProfilesTLS() throws {
        let flagged = try EndpointFlags(tls: TLSFlags(caFile: "/tmp/ca.pem")).endpoint(profile: try profile("azure"), environment: [:])
        #expect(flagged.tls?.caFile == "/tmp/ca.pem")
        #expect(flagged.tls?.serverName == "cache.example.net")
        let elsewhere = try EndpointFlags(url: "redis://10.1.1.1").endpoint(profile: try profile("azure"), environment: [:])
        #expect(elsewhere.tls == nil)
        #expect(ConnectionSecurity(elsewhere.tls) == .plain)
    }

    @Test func theTLSFlagOrARedissURLTurnsTLSOnWithTheSystemStore() throws {
        let flag = try EndpointFlags(port: 6380, tls: TLSFlags(enabled: true)).endpoint(profile: nil, environment: [:])
        #expect(flag.tls == TLSOptions())
        let url = try EndpointFlags(url: "rediss://cache:6380", tls: TLSFlags(serverName: "cache.internal")).endpoint(profile: nil, environment: [:])
        #expect(url.tls == TLSOptions(serverName: "cache.internal"))
        #expect(ConnectionSecurity(url.tls) == .tls)
    }

    @Test func tlsOnAUnixSocketIsRefused() {
        #expect(throws: EndpointSettingsError.self) {
            try EndpointFlags(socket: "/tmp/r.sock", tls: TLSFlags(enabled: true)).endpoint(profile: nil, environment: [:])
        }
    }

    @Test func aCertificateWithoutItsKeyIsAnErrorNamingTheField() {
        let source = "[profiles.half]\nurl = \"rediss://h\"\ncert = \"/c.pem\"\n"
        #expect(throws: ProfileError.self) { try ProfileParser.parse(source, file: "config.toml") }
    }
}
