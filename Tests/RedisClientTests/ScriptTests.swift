import RedisClient
import TestSupport
import Testing

@Suite struct ScriptTests {
    static let compareAndDelete = RedisScript(
        name: "compare-and-delete",
        source: "if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end return 0"
    )

    @Test func shaMatchesWhatTheServerComputes() async throws {
        let server = try await RedisServer.start()
        let redis = try await server.connect()
        for source in ["return 1", Self.compareAndDelete.source, String(repeating: "-- long comment\n", count: 200) + "return 'x'"] {
            let script = RedisScript(name: "t", source: source)
            #expect(try await redis.send("SCRIPT", "LOAD", source).string == script.sha1)
        }
        await server.stop()
    }

    @Test func scriptStillRunsAfterScriptFlush() async throws {
        let server = try await RedisServer.start()
        let redis = try await server.connect()
        try await redis.send("SET", "lock", "me")
        #expect(try await redis.run(Self.compareAndDelete, keys: ["lock"], arguments: ["other"]) == .integer(0))
        try await redis.send("SCRIPT", "FLUSH")
        #expect(try await redis.send("SCRIPT", "EXISTS", Self.compareAndDelete.sha1) == .array([.integer(0)]))
        #expect(try await redis.run(Self.compareAndDelete, keys: ["lock"], arguments: ["me"]) == .integer(1))
        #expect(try await redis.send("EXISTS", "lock") == .integer(0))
        await server.stop()
    }

    @Test func scriptErrorIsTypedAndNamesTheScript() async throws {
        let server = try await RedisServer.start()
        let redis = try await server.connect()
        let broken = RedisScript(name: "broken", source: "return redis.call('NOPE')")
        let error = await #expect(throws: RedisError.self) { try await redis.run(broken) }
        #expect(error?.description.contains("broken") == true)
        await server.stop()
    }
}
