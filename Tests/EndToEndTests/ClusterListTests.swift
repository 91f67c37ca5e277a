import Foundation
import RedisClient
import Testing
import TestSupport

/// `locktop list` pointed at one node of a cluster: detected, every master scanned, a dead one named.
@Suite struct ClusterListTests {
    @Test func listFindsLocksOnEveryMasterAndNamesAnUnreachableOne() async throws {
        let cluster = try await RedisCluster.start()
        defer { Task { await cluster.stop() } }
        let token = DashboardHarness.lockKitToken()
        let connection = try await RedisConnection.connect(to: try cluster.endpoint)
        let keys = cluster.nodes.indices.map { index in cluster.key(onNode: index) { "lock:{order:\($0)}" } }
        for key in keys { try await connection.send("SET", key, token, "PX", 60_000) }

        let output = try await Tool.runOffPool(try LocktopBinary.path(), ["list", "--json", "--url", cluster.url])
        #expect(output.status == 0, "\(output.standardError)")
        let report = try JSONDecoder().decode(Report.self, from: Data(output.standardOutput.utf8))
        #expect(Set(report.locks.map(\.key)) == Set(keys))
        #expect(report.nodes.count == 3)
        #expect(report.nodes.allSatisfy { $0.problem == nil })

        await cluster.nodes[2].kill()
        let table = try await Tool.runOffPool(try LocktopBinary.path(), ["list", "--cluster", "--url", cluster.url])
        #expect(table.status == 1)
        #expect(table.standardOutput.contains(keys[0]) && table.standardOutput.contains(keys[1]))
        #expect(!table.standardOutput.contains(keys[2]))
        #expect(table.standardOutput.contains("cluster: 2/3 nodes up"))
        #expect(table.standardError.contains("could not be read"))
    }

    private struct Report: Decodable {
        struct Lock: Decodable { var key: String }
        struct Node: Decodable { var address: String; var problem: String? }
        var locks: [Lock]
        var nodes: [Node]
    }
}
