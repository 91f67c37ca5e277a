import Foundation
import RedisClient
import Testing
import TestSupport

/// `--enable-notifications` changes a server setting at the operator's request: it is put
/// back when locktop ends, and a locktop killed before it could is found out by the next.
@Suite("Notification setting put back")
struct NotificationRestoreEndToEndTests {
    enum Ending: String, CaseIterable, Sendable { case quit, interrupt, terminate }

    @Test("quit, Ctrl-C and SIGTERM each put notify-keyspace-events back", arguments: Ending.allCases)
    func endingPutsTheSettingBack(_ ending: Ending) async throws {
        let state = try Self.stateFolder()
        defer { try? FileManager.default.removeItem(at: state) }
        var original = ""
        try await DashboardHarness.run(arguments: ["--enable-notifications"], environment: ["XDG_STATE_HOME": state.path],
                                       beforeStart: { server in original = try await Self.setOriginal(on: server) }) { dashboard in
            try await dashboard.waitForRedis("notifications switched on") { try await Self.setting(dashboard.redis) != original }
            try await dashboard.screen.waitForScreen(containing: "notifications")
            switch ending {
            case .quit: try await dashboard.screen.send("q")
            case .interrupt: kill(try dashboard.screen.panePID(), SIGINT)
            case .terminate: kill(try dashboard.screen.panePID(), SIGTERM)
            }
            try await dashboard.waitForRedis("the setting put back to '\(original)'") { try await Self.setting(dashboard.redis) == original }
        }
        #expect(!FileManager.default.fileExists(atPath: state.appendingPathComponent("locktop/notifications.json").path))
    }

    @Test("after a SIGKILL the next start says what was left, and how to put it back")
    func aKilledLocktopIsFoundOutByTheNext() async throws {
        let state = try Self.stateFolder()
        defer { try? FileManager.default.removeItem(at: state) }
        var original = ""
        var serverURL = ""
        try await DashboardHarness.run(arguments: ["--enable-notifications"], environment: ["XDG_STATE_HOME": state.path],
                                       beforeStart: { server in original = try await Self.setOriginal(on: server) }) { dashboard in
            try await dashboard.waitForRedis("notifications switched on") { try await Self.setting(dashboard.redis) != original }
            kill(try dashboard.screen.panePID(), SIGKILL)
            serverURL = dashboard.server.url
            let next = try TmuxSession(command: [try LocktopBinary.path(), "--url", serverURL, "--read-only"], width: 200, height: 20,
                                       environment: ["XDG_STATE_HOME": state.path, "TERM": "xterm-256color", "LANG": "C.UTF-8", "NO_COLOR": ""])
            defer { next.kill() }
            let screen = try await next.waitForScreen(containing: "did not exit cleanly")
            #expect(screen.contains("'\(original)'"))
        }
    }

    private static func stateFolder() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("locktop-state-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }

    /// Expired-key events only, as some servers run: what locktop must leave as it found it.
    private static func setOriginal(on server: RedisServer) async throws -> String {
        let redis = try await server.connect()
        try await redis.send("CONFIG", "SET", "notify-keyspace-events", "Ex")
        return try await setting(redis)
    }

    private static func setting(_ redis: RedisConnection) async throws -> String {
        try await redis.send("CONFIG", "GET", "notify-keyspace-events").array?.last?.string ?? ""
    }
}
