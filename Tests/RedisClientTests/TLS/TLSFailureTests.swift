import RedisClient
import TestSupport
import Testing

/// Every TLS failure gives one line saying what failed and what to pass instead, within the
/// connect timeout; each against a real server.
@Suite struct TLSFailureTests {
    static let options = RedisConnectionOptions(connectTimeout: .seconds(10), commandTimeout: .seconds(10),
                                                reconnect: ReconnectPolicy(attemptsPerCommand: 1))

    /// The error of connecting to `endpoint`, which must fail.
    private func connectError(_ endpoint: RedisEndpoint, options: RedisConnectionOptions = Self.options) async -> RedisError? {
        do {
            let connection = try await RedisConnection.connect(to: endpoint, options: options)
            await connection.close()
            Issue.record("connected to \(endpoint), expected a failure")
            return nil
        } catch {
            return error
        }
    }

    private func expectTLSError(_ error: RedisError?, containing parts: [String], sourceLocation: SourceLocation = #_sourceLocation) {
        guard case .tls = error else {
            Issue.record("expected a TLS error, got \(String(describing: error))", sourceLocation: sourceLocation)
            return
        }
        let text = error?.description ?? ""
        for part in parts { #expect(text.contains(part), "\(text)", sourceLocation: sourceLocation) }
        #expect(!text.contains("\n"), sourceLocation: sourceLocation)
    }

    @Test func anUnknownCAFailsVerificationAndAsksForCacert() async throws {
        let fixture = try await TLSFixture.make()
        let server = try await RedisServer.start(tls: RedisTLSSettings(fixture: fixture))
        var endpoint = server.endpoint
        endpoint.tls = TLSOptions()  // the system's store does not know the fixture's CA
        expectTLSError(await connectError(endpoint), containing: ["certificate verify failed", "pass --cacert FILE"])
        await server.stop()
        fixture.remove()
    }

    @Test func aCertificateForAnotherNameAsksForSni() async throws {
        let fixture = try await TLSFixture.make()
        let server = try await RedisServer.start(tls: RedisTLSSettings(fixture: fixture, certificate: .wrongName))
        expectTLSError(await connectError(server.endpoint), containing: ["does not match '127.0.0.1'", "pass --sni NAME"])
        await server.stop()
        fixture.remove()
    }

    @Test func sniWithTheCertificatesNameConnects() async throws {
        let fixture = try await TLSFixture.make()
        let server = try await RedisServer.start(tls: RedisTLSSettings(fixture: fixture, certificate: .wrongName))
        var endpoint = server.endpoint
        endpoint.tls?.serverName = "elsewhere.example"
        let connection = try await RedisConnection.connect(to: endpoint, options: Self.options)
        #expect(try await connection.send("PING") == .status("PONG"))
        await connection.close()
        await server.stop()
        fixture.remove()
    }

    @Test func anExpiredCertificateIsNamedAsExpired() async throws {
        let fixture = try await TLSFixture.make()
        let server = try await RedisServer.start(tls: RedisTLSSettings(fixture: fixture, certificate: .expired))
        expectTLSError(await connectError(server.endpoint), containing: ["certificate has expired"])
        await server.stop()
        fixture.remove()
    }

    @Test func insecureAcceptsAnExpiredCertificateForAnotherName() async throws {
        let fixture = try await TLSFixture.make()
        let server = try await RedisServer.start(tls: RedisTLSSettings(fixture: fixture, certificate: .expired))
        var endpoint = server.endpoint
        endpoint.tls = TLSOptions(serverName: "elsewhere.example", verifiesPeer: false)
        let connection = try await RedisConnection.connect(to: endpoint, options: Self.options)
        #expect(try await connection.send("PING") == .status("PONG"))
        await connection.close()
        await server.stop()
        fixture.remove()
    }

    @Test func aTLSClientOnAPlainPortIsToldToUseRedisScheme() async throws {
        let fixture = try await TLSFixture.make()
        let server = try await RedisServer.start()
        var endpoint = server.endpoint
        endpoint.tls = fixture.clientOptions()
        // redis-server waits for the end of what it takes for an inline command: the handshake
        // ends at the connect timeout, so a short one (a slow machine gives the same outcome).
        var options = Self.options
        options.connectTimeout = .seconds(1)
        expectTLSError(await connectError(endpoint, options: options), containing: ["did not answer TLS", "use redis:// instead of rediss://"])
        await server.stop()
        fixture.remove()
    }

    @Test func aPlainClientOnATLSPortIsToldToUseRediss() async throws {
        let fixture = try await TLSFixture.make()
        let server = try await RedisServer.start(tls: RedisTLSSettings(fixture: fixture))
        var endpoint = server.endpoint
        endpoint.tls = nil
        expectTLSError(await connectError(endpoint), containing: ["use rediss:// or --tls"])
        await server.stop()
        fixture.remove()
    }

    @Test func aServerThatRequiresAClientCertificateRejectsNone() async throws {
        let fixture = try await TLSFixture.make()
        let server = try await RedisServer.start(tls: RedisTLSSettings(fixture: fixture, requiresClientCertificate: true))
        var endpoint = server.endpoint
        endpoint.tls = fixture.clientOptions(withCertificate: false)
        expectTLSError(await connectError(endpoint), containing: ["rejected the client certificate", "--cert", "--key"])
        await server.stop()
        fixture.remove()
    }

    @Test func aClientCertificateFromAnUntrustedCAIsRejected() async throws {
        let fixture = try await TLSFixture.make()
        let server = try await RedisServer.start(tls: RedisTLSSettings(fixture: fixture, requiresClientCertificate: true))
        var endpoint = server.endpoint
        endpoint.tls?.certificateFile = fixture.path("stranger.crt")
        endpoint.tls?.keyFile = fixture.path("stranger.key")
        expectTLSError(await connectError(endpoint), containing: ["rejected the client certificate", "pass --cert and --key"])
        await server.stop()
        fixture.remove()
    }

    @Test func aMissingCAFileIsNamed() async throws {
        let fixture = try await TLSFixture.make()
        let server = try await RedisServer.start(tls: RedisTLSSettings(fixture: fixture))
        var endpoint = server.endpoint
        endpoint.tls?.caFile = fixture.path("absent.crt")
        expectTLSError(await connectError(endpoint), containing: ["--cacert", "absent.crt", "no such file"])
        await server.stop()
        fixture.remove()
    }
}
