import RedisClient
import TestSupport
import Testing

/// Commands, pipelines and subscriptions over TLS against a real `redis-server --tls-port`.
@Suite struct TLSConnectionTests {
    /// Generous: a handshake on a loaded machine can wait for the scheduler.
    static let options = RedisConnectionOptions(connectTimeout: .seconds(10), commandTimeout: .seconds(10), clientName: "locktop-test")

    @Test func pingSetAndGetWorkOverTLSWithoutAClientCertificate() async throws {
        let fixture = try await TLSFixture.make()
        let server = try await RedisServer.start(tls: RedisTLSSettings(fixture: fixture))
        let connection = try await RedisConnection.connect(to: server.endpoint, options: Self.options)
        #expect(try await connection.send("PING") == .status("PONG"))
        try await connection.send("SET", "lock:{tls}", "owner-1")
        #expect(try await connection.send("GET", "lock:{tls}").string == "owner-1")
        let clients = try await connection.send("CLIENT", "INFO").string ?? ""
        #expect(clients.contains("name=locktop-test"))
        await connection.close()
        await server.stop()
        fixture.remove()
    }

    @Test func aClientCertificateIsShownWhenTheServerAsksForOne() async throws {
        let fixture = try await TLSFixture.make()
        let server = try await RedisServer.start(tls: RedisTLSSettings(fixture: fixture, requiresClientCertificate: true))
        #expect(server.endpoint.tls?.certificateFile != nil)
        let connection = try await RedisConnection.connect(to: server.endpoint, options: Self.options)
        #expect(try await connection.send("PING") == .status("PONG"))
        await connection.close()
        await server.stop()
        fixture.remove()
    }

    @Test func aRedissURLWithTheFixturesCAConnects() async throws {
        let fixture = try await TLSFixture.make()
        let server = try await RedisServer.start(tls: RedisTLSSettings(fixture: fixture))
        var endpoint = try RedisEndpoint(url: server.url)
        #expect(endpoint.tls == TLSOptions())
        endpoint.tls?.caFile = fixture.caFile
        let connection = try await RedisConnection.connect(to: endpoint, options: Self.options)
        #expect(try await connection.send("PING") == .status("PONG"))
        await connection.close()
        await server.stop()
        fixture.remove()
    }

    @Test func aBinarySafePipelineOfLargeAndSmallValuesRoundTripsOverTLS() async throws {
        let fixture = try await TLSFixture.make()
        let server = try await RedisServer.start(tls: RedisTLSSettings(fixture: fixture))
        let connection = try await RedisConnection.connect(to: server.endpoint, options: Self.options)
        // Every byte value, and a value spanning many TLS records (16 KiB each).
        let small: [UInt8] = Array(0...255)
        let large: [UInt8] = (0..<300_000).map { UInt8(truncatingIfNeeded: $0 &* 31) }
        var commands: [RedisCommand] = []
        for index in 0..<16 { commands.append(RedisCommand("SET", "bin:{\(index)}", index == 7 ? large : small)) }
        for index in 0..<16 { commands.append(RedisCommand("GET", "bin:{\(index)}")) }
        let replies = try await connection.pipeline(commands)
        #expect(replies.prefix(16).allSatisfy { $0 == .status("OK") })
        for index in 0..<16 { #expect(replies[16 + index].bytes == (index == 7 ? large : small)) }
        await connection.close()
        await server.stop()
        fixture.remove()
    }

    @Test func aSubscriberReceivesMessagesOverTLS() async throws {
        let fixture = try await TLSFixture.make()
        let server = try await RedisServer.start(tls: RedisTLSSettings(fixture: fixture, requiresClientCertificate: true))
        let subscriber = try Subscriber(endpoint: server.endpoint, options: Self.options)
        try await subscriber.subscribe(["lock:channel:{tls}"])
        let publisher = try await RedisConnection.connect(to: server.endpoint, options: Self.options)
        let payload: [UInt8] = [0, 1, 2, 255, 13, 10]
        #expect(try await publisher.send("PUBLISH", "lock:channel:{tls}", payload) == .integer(1))
        var events = subscriber.events.makeAsyncIterator()
        var received: PubSubMessage?
        while let event = await events.next() {
            if case .message(let message) = event {
                received = message
                break
            }
        }
        #expect(received?.channelName == "lock:channel:{tls}")
        #expect(received?.payload == payload)
        subscriber.stop()
        await publisher.close()
        await server.stop()
        fixture.remove()
    }

    @Test func aScanPassReadsEveryKeyOverTLS() async throws {
        let fixture = try await TLSFixture.make()
        let server = try await RedisServer.start(tls: RedisTLSSettings(fixture: fixture))
        let connection = try await RedisConnection.connect(to: server.endpoint, options: Self.options)
        try await connection.send(RedisCommand("MSET", arguments: (0..<500).flatMap { ["lock:{k\($0)}", "v"] }))
        let pages = ScanPassTests.Pages()
        try await connection.scanPass(schedule: FixedScanCount(100), inHalves: true, where: { _ in true }, page: { pages.add($0) })
        #expect(Set(pages.keys).count == 500)
        await connection.close()
        await server.stop()
        fixture.remove()
    }
}
