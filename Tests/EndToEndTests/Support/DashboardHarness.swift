import Foundation
import RedisClient
import TestSupport

/// A private redis-server and the real `locktop` dashboard on it in tmux; both always end.
struct DashboardHarness {
    let server: RedisServer
    let redis: RedisConnection
    let screen: TmuxSession

    /// Starts a server, runs `locktop --url <server> --refresh 0.2 <arguments>` in a 120x30 pane,
    /// hands both to `body`, then kills the tmux server and stops redis-server, whatever happened.
    /// With `tls` the server speaks only TLS and locktop gets `rediss://` and `--cacert`;
    /// `setup` picks the server software (and takes Lua away when it says so).
    static func run(
        arguments: [String] = [], environment: [String: String] = [:], tls: RedisTLSSettings? = nil,
        setup: ServerSetup = .redis,
        beforeStart: (RedisServer) async throws -> Void = { _ in },
        _ body: (DashboardHarness) async throws -> Void
    ) async throws {
        let server: RedisServer
        if let tls { server = try await RedisServer.start(tls: tls) } else { server = try await setup.start() }
        let arguments = arguments + (tls.map { ["--cacert", $0.fixture.caFile] } ?? [])
        var session: TmuxSession?
        do {
            try await beforeStart(server)
            let command = [try LocktopBinary.path(), "--url", server.url, "--refresh", "0.2"] + arguments
            session = try TmuxSession(
                command: command, width: 120, height: 30,
                environment: ["TERM": "xterm-256color", "LANG": "C.UTF-8", "LC_ALL": "C.UTF-8", "NO_COLOR": ""].merging(environment) { $1 })
            // Not connected yet: a test may have stopped the server to see locktop start without one.
            let redis = RedisConnection(endpoint: server.endpoint, options: RedisConnectionOptions(
                connectTimeout: .seconds(2), commandTimeout: .seconds(5), clientName: "locktop-e2e",
                reconnect: ReconnectPolicy(attemptsPerCommand: 5)))
            if let session { try await body(DashboardHarness(server: server, redis: redis, screen: session)) }
            await redis.close()
        } catch {
            session?.kill()
            await server.stop()
            throw error
        }
        session?.kill()
        await server.stop()
    }

    /// A token in LockKit's readable shape: `<unix-ms>-<host>-<pid>-<8 hex>`.
    static func lockKitToken(host: String = "e2ehost", pid: Int = 4242) -> String {
        "\(Int(Date().timeIntervalSince1970 * 1000))-\(host)-\(pid)-0badc0de"
    }

    /// Waits until `condition` holds in Redis, asking again every few milliseconds, for at most `timeout`.
    func waitForRedis(_ what: String, timeout: Duration = .seconds(60), _ condition: () async throws -> Bool) async throws {
        try await Polling.until("Redis shows \(what)", timeout: timeout, every: .milliseconds(20), condition)
    }

    /// Whether `key` exists.
    func exists(_ key: String) async throws -> Bool {
        try await redis.send("EXISTS", key).int == 1
    }
}
