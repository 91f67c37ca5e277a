import Foundation
import RedisClient
import Testing
import TestSupport

/// `locktop list` over TLS, the real binary against `redis-server --port 0 --tls-port P`.
@Suite struct TLSListTests {
    @Test func listReadsLocksOverRedissWithACAAndAClientCertificate() async throws {
        let fixture = try await TLSFixture.make()
        let server = try await RedisServer.start(tls: RedisTLSSettings(fixture: fixture, requiresClientCertificate: true))
        let token = DashboardHarness.lockKitToken()
        let seed = try await RedisConnection.connect(to: server.endpoint, options: RedisConnectionOptions(connectTimeout: .seconds(10)))
        try await seed.send("SET", "lock:{tls-order}", token, "PX", 60_000)
        await seed.close()
        let output = try await Tool.runOffPool(try LocktopBinary.path(), [
            "list", "--json", "--url", server.url, "--cacert", fixture.caFile,
            "--cert", fixture.path("client.crt"), "--key", fixture.path("client.key"),
        ])
        #expect(output.status == 0, "\(output.standardError)")
        #expect(output.standardOutput.contains("lock:{tls-order}"))
        await server.stop()
        fixture.remove()
    }

    @Test func listExitsOneWithOneLineThatAsksForCacert() async throws {
        let fixture = try await TLSFixture.make()
        let server = try await RedisServer.start(tls: RedisTLSSettings(fixture: fixture))
        let output = try await Tool.runOffPool(try LocktopBinary.path(), ["list", "--url", server.url])
        #expect(output.status == 1)
        let lines = output.standardError.split(separator: "\n")
        #expect(lines.count == 1, "\(output.standardError)")
        #expect(output.standardError.contains("certificate verify failed"))
        #expect(output.standardError.contains("pass --cacert FILE"))
        await server.stop()
        fixture.remove()
    }

    @Test func listWithTheTLSFlagAndPlainURLOnATLSPortAsksForTLS() async throws {
        let fixture = try await TLSFixture.make()
        let server = try await RedisServer.start(tls: RedisTLSSettings(fixture: fixture))
        guard case .tcp(_, let port) = server.endpoint.address else { return }
        let plain = try await Tool.runOffPool(try LocktopBinary.path(), ["list", "--url", "redis://127.0.0.1:\(port)"])
        #expect(plain.status == 1)
        #expect(plain.standardError.contains("use rediss:// or --tls"), "\(plain.standardError)")
        let flagged = try await Tool.runOffPool(try LocktopBinary.path(), ["list", "-p", String(port), "--tls", "--cacert", fixture.caFile])
        #expect(flagged.status == 0, "\(flagged.standardError)")
        await server.stop()
        fixture.remove()
    }

    @Test func listFindsLocksOnEveryMasterOfATLSCluster() async throws {
        let fixture = try await TLSFixture.make()
        let cluster = try await RedisCluster.start(tls: RedisTLSSettings(fixture: fixture))
        let token = DashboardHarness.lockKitToken()
        let connection = try await RedisConnection.connect(to: try cluster.endpoint, options: RedisConnectionOptions(connectTimeout: .seconds(10)))
        let keys = cluster.nodes.indices.map { index in cluster.key(onNode: index) { "lock:{tls-order:\($0)}" } }
        for key in keys { try await connection.send("SET", key, token, "PX", 60_000) }
        await connection.close()
        // Cluster detected by itself (INFO cluster), every master scanned over TLS.
        let output = try await Tool.runOffPool(try LocktopBinary.path(), ["list", "--url", cluster.url, "--cacert", fixture.caFile])
        #expect(output.status == 0, "\(output.standardError)")
        for key in keys { #expect(output.standardOutput.contains(key), "\(output.standardOutput)") }
        await cluster.stop()
        fixture.remove()
    }
}
