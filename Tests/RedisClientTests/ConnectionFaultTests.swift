import RedisClient
import TestSupport
import Testing

@Suite struct ConnectionFaultTests {
    @Test func closedPortFailsWithConnectErrorNamingHostAndPort() async throws {
        // Bound and never listening: nobody else can open it while the test holds it.
        let closed = try RefusingPort()
        let endpoint = RedisEndpoint.tcp("127.0.0.1", port: closed.port)
        let error = await #expect(throws: RedisError.self) {
            _ = try await RedisConnection.connect(to: endpoint)
        }
        guard case .connect(let named, _) = error else {
            Issue.record("expected a connect error, got \(String(describing: error))")
            return
        }
        #expect(named == endpoint.description)
        #expect(error?.description.contains(endpoint.description) == true)
    }

    @Test func missingSocketFileFailsWithConnectError() async {
        let endpoint = RedisEndpoint.unix("/nonexistent/locktop.sock")
        await #expect {
            _ = try await RedisConnection.connect(to: endpoint)
        } throws: { error in
            guard case .connect(let named, _) = error as? RedisError else { return false }
            return named.contains("/nonexistent/locktop.sock")
        }
    }

    @Test func commandToPausedServerTimesOut() async throws {
        let server = try await RedisServer.start()
        let redis = try await server.connect(commandTimeout: .milliseconds(200))
        server.pause()
        let error = await #expect(throws: RedisError.self) { try await redis.send("PING") }
        #expect(error == .timeout(endpoint: server.endpoint.description, command: "PING"))
        server.resume()
        // The timed-out context was dropped; the next command reconnects.
        #expect(try await redis.send("PING") == .status("PONG"))
        await server.stop()
    }

    @Test func commandInFlightWhenServerDiesFailsAndNextCommandReconnects() async throws {
        let server = try await RedisServer.start()
        let redis = try await server.connect()
        try await redis.send("SET", "k", "v")
        await server.kill()
        await #expect {
            try await redis.send("GET", "k")
        } throws: { error in
            (error as? RedisError)?.isConnectionLoss == true
        }
        try await server.restart()
        #expect(try await redis.send("PING") == .status("PONG"))
        #expect(await redis.reconnectCount == 1)
        await server.stop()
    }

    @Test func clientNameIsSet() async throws {
        let server = try await RedisServer.start()
        let redis = try await RedisConnection.connect(to: server.endpoint, options: RedisConnectionOptions(clientName: "locktop-probe"))
        #expect(try await redis.send("CLIENT", "GETNAME").string == "locktop-probe")
        await server.stop()
    }

    @Test func selectsTheDatabaseOfTheURL() async throws {
        let server = try await RedisServer.start()
        var endpoint = server.endpoint
        endpoint.database = 3
        let inThree = try await RedisConnection.connect(to: endpoint)
        try await inThree.send("SET", "where", "three")
        let inZero = try await server.connect()
        #expect(try await inZero.send("GET", "where") == .null)
        try await inZero.send("SELECT", 3)
        #expect(try await inZero.send("GET", "where").string == "three")
        await server.stop()
    }
}
