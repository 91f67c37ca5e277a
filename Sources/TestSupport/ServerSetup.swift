import RedisClient

/// A server for tests that run on every target: which software, and whether its users may
/// run Lua. Without Lua the `default` user loses `@scripting` (as a locked-down ACL does),
/// so every connection of the test, the lock's and the checker's alike, is refused EVAL.
public struct ServerSetup: Sendable, Hashable, CustomStringConvertible {
    public let kind: ServerKind
    public let scripting: Bool

    public static let redis = ServerSetup(kind: .redis, scripting: true)
    public static let valkey = ServerSetup(kind: .valkey, scripting: true)
    public static let redisWithoutLua = ServerSetup(kind: .redis, scripting: false)
    public static let valkeyWithoutLua = ServerSetup(kind: .valkey, scripting: false)

    /// Redis 7.0 and Valkey 8.1, each with and without Lua.
    public static let all: [ServerSetup] = [.redis, .valkey, .redisWithoutLua, .valkeyWithoutLua]
    /// The contention tests' setups: Redis with Lua (the patterns' own path), and both servers
    /// without it (the WATCH path). Valkey with Lua takes the same path as Redis in a
    /// contended acquire and release, so `make test` spares the machine that run (the
    /// DistributedLock test still runs all four).
    public static let contention: [ServerSetup] = [.redis, .redisWithoutLua, .valkeyWithoutLua]
    /// Redis 7.0 and Valkey 8.1 as they come.
    public static let bothKinds: [ServerSetup] = [.redis, .valkey]

    public var description: String { scripting ? "\(kind)" : "\(kind) without Lua" }

    /// Starts the server (a missing binary fails the test, saying how to install it) and
    /// takes scripting away from its default user when this setup has none.
    public func start(transport: RedisServer.Transport = .tcp, arguments: [String] = []) async throws -> RedisServer {
        let server = try await RedisServer.start(kind, transport: transport, arguments: arguments)
        if !scripting {
            let admin = try await server.connect()
            try await admin.send("ACL", "SETUSER", "default", "-@scripting")
            await admin.close()
        }
        return server
    }

    /// Starts `count` independent servers of this setup (Redlock).
    public func startMany(_ count: Int) async throws -> [RedisServer] {
        var servers: [RedisServer] = []
        for _ in 0..<count { servers.append(try await start()) }
        return servers
    }
}
