import Foundation
import RedisClient
import Testing
import TestSupport

/// `locktop list` with --url three times: the Redlock view of independent servers.
@Suite struct RedlockListTests {
    @Test func aLockOnTwoOfThreeIsAQuorumAndOneOnOneOfThreeIsAMinority() async throws {
        let servers = try await RedisServer.startMany(3)
        let token = DashboardHarness.lockKitToken()
        for server in servers.prefix(2) { try await server.connect().send("SET", "lock:{held}", token, "PX", 60_000) }
        try await servers[2].connect().send("SET", "lock:{stale}", token, "PX", 60_000)
        let urls = servers.flatMap { ["--url", $0.url] }
        let output = try await Tool.runOffPool(try LocktopBinary.path(), ["list", "--json"] + urls)
        #expect(output.status == 0, "\(output.standardError)")
        let report = try JSONDecoder().decode(Report.self, from: Data(output.standardOutput.utf8))
        #expect(report.servers.count == 3)
        let held = try #require(report.locks.first { $0.key == "lock:{held}" })
        #expect(held.state == "quorum 2/3")
        #expect(held.servers.map { $0?.token } == [token, token, nil])
        let stale = try #require(report.locks.first { $0.key == "lock:{stale}" })
        #expect(stale.state == "minority 1/3")
        #expect(report.anomalies.map(\.key) == ["lock:{stale}"])
        #expect(report.anomalies.first?.kind == "redlock-minority")

        let table = try await Tool.runOffPool(try LocktopBinary.path(), ["list"] + urls)
        #expect(table.standardOutput.contains("minority 1/3"))
        for server in servers { await server.stop() }
    }

    private struct Report: Decodable {
        struct Holder: Decodable { var token: String }
        struct Row: Decodable { var key: String; var state: String; var servers: [Holder?] }
        struct Finding: Decodable { var key: String; var kind: String }
        var servers: [String]
        var locks: [Row]
        var anomalies: [Finding]
    }
}
