import Foundation
import RedisClient
import Testing
import TestSupport

/// The real `locktop` binary in tmux against a private redis-server: what an operator sees and does.
@Suite("Dashboard end to end")
struct DashboardEndToEndTests {
    @Test("the status line names the server; a lock appears, its TTL counts down, d then y releases it",
          arguments: [ServerSetup.redis, .valkey, .redisWithoutLua])
    func forceRelease(on setup: ServerSetup) async throws {
        // Keyspace events on: the status line then says "live │ notifications", short enough
        // for the server's segment, which comes last, to fit in the 120 columns.
        try await DashboardHarness.run(setup: setup, beforeStart: { server in
            try await server.connect().send("CONFIG", "SET", "notify-keyspace-events", "KA")
        }) { dashboard in
            let server = setup.kind == .valkey ? "valkey 8.1." : "redis 7."
            _ = try await dashboard.screen.waitForScreen(containing: server, setup.scripting ? "Lua)" : "no Lua)")
            try await dashboard.redis.send("SET", "lock:{e2e}", DashboardHarness.lockKitToken(), "PX", "60000")
            let first = try await dashboard.screen.waitForScreen(containing: "lock:{e2e}", "e2ehost")
            let ttl = try #require(ScreenText.firstDuration(after: "lock:{e2e}", in: first), "no TTL on screen:\n\(first)")
            try await dashboard.screen.waitForScreen("a TTL below \(ttl)s") { screen in
                ScreenText.firstDuration(after: "lock:{e2e}", in: screen).map { $0 < ttl } ?? false
            }
            // The loop reads keys in order: `y` answers the confirmation `d` opens.
            try await dashboard.screen.send("d", "y")
            try await dashboard.waitForRedis("lock:{e2e} deleted") { try await !dashboard.exists("lock:{e2e}") }
            // The status line names the key too; the row is the line with its owner.
            try await dashboard.screen.waitForScreen("the row of lock:{e2e} gone") { screen in
                ScreenText.row(containing: "lock:{e2e}", in: screen)?.contains("e2ehost") != true
            }
        }
    }

    @Test("over rediss:// the status line says TLS, a lock appears and d then y releases it")
    func forceReleaseOverTLS() async throws {
        let fixture = try await TLSFixture.make()
        defer { fixture.remove() }
        try await DashboardHarness.run(tls: RedisTLSSettings(fixture: fixture)) { dashboard in
            try await dashboard.redis.send("SET", "lock:{e2e-tls}", DashboardHarness.lockKitToken(), "PX", "60000")
            let screen = try await dashboard.screen.waitForScreen(containing: "lock:{e2e-tls}", "e2ehost")
            #expect(screen.contains("TLS"))
            #expect(!screen.contains("insecure"))
            try await dashboard.screen.send("d", "y")
            try await dashboard.waitForRedis("lock:{e2e-tls} deleted") { try await !dashboard.exists("lock:{e2e-tls}") }
        }
    }

    @Test("in --read-only the same keys leave the lock in place and say read-only")
    func readOnly() async throws {
        try await DashboardHarness.run(arguments: ["--read-only"]) { dashboard in
            try await dashboard.redis.send("SET", "lock:{e2e}", DashboardHarness.lockKitToken(), "PX", "60000")
            try await dashboard.screen.waitForScreen(containing: "lock:{e2e}", "READ-ONLY")
            try await dashboard.screen.send("d")
            try await dashboard.screen.waitForScreen(containing: "read-only", "READ-ONLY")
            try await dashboard.screen.send("y")
            // Keys are handled in order: once the help that `?` opens is up, `d` and `y` were handled.
            try await dashboard.screen.send("?")
            try await dashboard.screen.waitForScreen(containing: "this help")
            #expect(try await dashboard.exists("lock:{e2e}"))
        }
    }

    @Test("a killed server shows the reconnecting banner, which goes away after the restart")
    func reconnect() async throws {
        try await DashboardHarness.run { dashboard in
            try await dashboard.redis.send("SET", "lock:{e2e}", DashboardHarness.lockKitToken(), "PX", "60000")
            try await dashboard.screen.waitForScreen(containing: "lock:{e2e}")
            await dashboard.server.kill()
            let stale = try await dashboard.screen.waitForScreen(containing: "reconnecting")
            // The last snapshot stays on screen while the server is away.
            #expect(stale.contains("lock:{e2e}"))
            try await dashboard.server.restart()
            try await dashboard.screen.waitForScreen(notContaining: "reconnecting")
        }
    }

    @Test("a refused connection at start still opens the dashboard, which connects once the server is up")
    func refusedAtStart() async throws {
        try await DashboardHarness.run(beforeStart: { server in await server.kill() }) { dashboard in
            try await dashboard.screen.waitForScreen(containing: "reconnecting")
            try await dashboard.server.restart()
            try await dashboard.screen.waitForScreen(notContaining: "reconnecting")
        }
    }

    @Test("a bad theme file gives a warning naming it, and the dashboard opens with the default theme")
    func badTheme() async throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("locktop-e2e-\(UUID().uuidString.prefix(8)).toml")
        try Data("this is not toml\n".utf8).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        try await DashboardHarness.run(arguments: ["--theme", file.path]) { dashboard in
            try await dashboard.screen.waitForScreen(containing: file.lastPathComponent)
        }
    }
}
