import RedisClient
import TestSupport
import Testing

@Suite struct AuthenticationTests {
    @Test func aclUserWithPasswordConnects() async throws {
        let server = try await RedisServer.start()
        let admin = try await server.connect()
        try await admin.send("ACL", "SETUSER", "alice", "on", ">wonderland", "~app:*", "+@all")
        var endpoint = server.endpoint
        endpoint.username = "alice"
        endpoint.password = "wonderland"
        let alice = try await RedisConnection.connect(to: endpoint)
        #expect(try await alice.send("ACL", "WHOAMI").string == "alice")
        try await alice.send("SET", "app:x", "1")
        let refused = await #expect(throws: RedisError.self) { try await alice.send("SET", "other", "1") }
        #expect(refused?.serverMessage?.hasPrefix("NOPERM") == true)
        await server.stop()
    }

    @Test func wrongPasswordGivesAuthenticationErrorWithoutThePassword() async throws {
        let server = try await RedisServer.start()
        let admin = try await server.connect()
        try await admin.send("ACL", "SETUSER", "alice", "on", ">wonderland", "~*", "+@all")
        let endpoint = try RedisEndpoint(url: "redis://alice:not-the-password@\(server.endpoint.description)")
        let error = await #expect(throws: RedisError.self) { _ = try await RedisConnection.connect(to: endpoint) }
        guard case .authentication(_, let user, _) = error else {
            Issue.record("expected an authentication error, got \(String(describing: error))")
            return
        }
        #expect(user == "alice")
        #expect(error?.description.contains("not-the-password") == false)
        #expect(error?.description.contains("REDISCLI_AUTH") == true)
        await server.stop()
    }

    @Test func requirePassWithoutPasswordSaysNOAUTH() async throws {
        let server = try await RedisServer.start(arguments: ["--requirepass", "sesame"])
        let endpoint = server.endpoint
        let redis = RedisConnection(endpoint: endpoint)
        await #expect {
            try await redis.send("GET", "k")
        } throws: { error in
            guard case .authentication(_, _, let reason) = error as? RedisError else { return false }
            return reason.hasPrefix("NOAUTH")
        }
        let withPassword = try await RedisConnection.connect(to: RedisEndpoint(url: "redis://:sesame@\(endpoint.description)"))
        #expect(try await withPassword.send("PING") == .status("PONG"))
        await server.stop()
    }
}
