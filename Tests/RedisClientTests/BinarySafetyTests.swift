import RedisClient
import TestSupport
import Testing

@Suite struct BinarySafetyTests {
    @Test func everyByteValueRoundTripsInKeysAndValues() async throws {
        let server = try await RedisServer.start()
        let redis = try await server.connect()
        for byte in UInt8.min...UInt8.max {
            let key: [UInt8] = [UInt8(ascii: "k"), byte, 0, byte]
            let value: [UInt8] = [byte, 0, UInt8(ascii: "\r"), UInt8(ascii: "\n"), byte]
            try await redis.send("SET", key, value)
            #expect(try await redis.send("GET", key) == .bulk(value))
        }
        let all = Array(UInt8.min...UInt8.max)
        try await redis.send("SET", all, all)
        #expect(try await redis.send("GET", all).bytes == all)
        #expect(try await redis.send("DBSIZE").int == 257)
        await server.stop()
    }

    @Test func oneMegabyteValueRoundTrips() async throws {
        let server = try await RedisServer.start(transport: .unixSocket)
        let redis = try await server.connect()
        var generator = SystemRandomNumberGenerator()
        let value = (0..<1_048_576).map { _ in UInt8.random(in: 0...255, using: &generator) }
        try await redis.send("SET", "big", value)
        #expect(try await redis.send("GET", "big").bytes == value)
        #expect(try await redis.send("STRLEN", "big").int == 1_048_576)
        await server.stop()
    }

    @Test func nullEmptyAndNestedRepliesDecode() async throws {
        let server = try await RedisServer.start()
        let redis = try await server.connect()
        #expect(try await redis.send("GET", "missing") == .null)
        try await redis.send("SET", "empty", "")
        #expect(try await redis.send("GET", "empty") == .bulk([]))
        try await redis.send("HSET", "h", "f", "v")
        let scan = try await redis.send("SCAN", 0, "COUNT", 10)
        #expect(scan.array?.count == 2)
        #expect(scan.array?[1].array?.compactMap(\.string).contains("h") == true)
        await server.stop()
    }

    @Test func errorReplyThrowsTypedServerError() async throws {
        let server = try await RedisServer.start()
        let redis = try await server.connect()
        try await redis.send("HSET", "h", "f", "v")
        let error = await #expect(throws: RedisError.self) { try await redis.send("GET", "h") }
        #expect(error?.serverMessage?.hasPrefix("WRONGTYPE") == true)
        #expect(error?.description.contains("GET") == true)
        // The connection stays usable after an error reply.
        #expect(try await redis.send("PING") == .status("PONG"))
        await server.stop()
    }
}
