import Foundation
import RedisClient
import Testing
import TestSupport

/// The real dashboard over several servers: independent Redlock servers side by side, and a cluster.
@Suite("Dashboard over several servers")
struct MultiServerDashboardTests {
    @Test("--url three times: the Redlock view shows a quorum, a minority and a server column each")
    func redlockView() async throws {
        let others = try await RedisServer.startMany(2)
        defer { Task { for server in others { await server.stop() } } }
        let token = DashboardHarness.lockKitToken()
        try await DashboardHarness.run(arguments: others.flatMap { ["--url", $0.url] }) { dashboard in
            try await dashboard.redis.send("SET", "lock:{held}", token, "PX", 60_000)
            try await others[0].connect().send("SET", "lock:{held}", token, "PX", 60_000)
            try await others[1].connect().send("SET", "lock:{stale}", token, "PX", 60_000)
            try await dashboard.screen.waitForScreen(containing: "Redlock over 3 servers")
            try await dashboard.screen.send("7")
            let screen = try await dashboard.screen.waitForScreen(containing: "quorum 2/3", "minority 1/3", "SERVER 3")
            #expect(ScreenText.row(containing: "lock:{stale}", in: screen)?.contains("!") == true)
            await others[1].kill()
            try await dashboard.screen.waitForScreen(containing: "redlock 2/3 nodes up")
        }
    }

    @Test("a cluster node's URL: every master's locks, and the node count in the status line")
    func cluster() async throws {
        let cluster = try await RedisCluster.start()
        defer { Task { await cluster.stop() } }
        let connection = try await RedisConnection.connect(to: try cluster.endpoint)
        let keys = cluster.nodes.indices.map { index in cluster.key(onNode: index) { "lock:{cart:\($0)}" } }
        for key in keys { try await connection.send("SET", key, DashboardHarness.lockKitToken(), "PX", 60_000) }
        let screen = try TmuxSession(command: [try LocktopBinary.path(), "--url", cluster.url, "--refresh", "0.2"], width: 140, height: 30,
                                     environment: ["TERM": "xterm-256color", "LANG": "C.UTF-8", "LC_ALL": "C.UTF-8", "NO_COLOR": ""])
        defer { screen.kill() }
        try await screen.waitForScreen(containing: keys[0], keys[1], keys[2], "cluster 3 nodes")
        await cluster.nodes[2].kill()
        let degraded = try await screen.waitForScreen(containing: "cluster 2/3 nodes up")
        #expect(!degraded.contains(keys[2]))
    }
}
