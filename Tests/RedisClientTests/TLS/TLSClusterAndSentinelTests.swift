import RedisClient
import TestSupport
import Testing

/// A cluster with `tls-cluster yes` and a Sentinel setup where every process speaks only TLS.
@Suite struct TLSClusterAndSentinelTests {
    static let options = RedisConnectionOptions(connectTimeout: .seconds(10), commandTimeout: .seconds(10))

    @Test func aTLSClusterConnectionFollowsMovedAndAskToEveryMaster() async throws {
        let fixture = try await TLSFixture.make()
        let cluster = try await RedisCluster.start(tls: RedisTLSSettings(fixture: fixture))
        let endpoint = try cluster.endpoint
        #expect(endpoint.tls != nil)
        let connection = try await RedisConnection.connect(to: endpoint, options: Self.options)
        // MOVED: one key per master, each reached over TLS from the first node.
        let keys = (0..<3).map { index in cluster.key(onNode: index) { "lock:{tls-\($0)}" } }
        for key in keys { try await connection.send("SET", key, "v-\(key)") }
        let replies = try await connection.pipeline(keys.map { RedisCommand("GET", $0) })
        #expect(replies.map(\.string) == keys.map { "v-\($0)" })

        // ASK: a slot migrating from node 2 to node 1; the new key lands on the importing node.
        let key = cluster.key(onNode: 2) { "lock:{ask-\($0)}" }
        let slot = HashSlot.of(key)
        let source = try await RedisConnection.connect(to: cluster.nodes[2].endpoint, options: Self.options)
        let target = try await RedisConnection.connect(to: cluster.nodes[1].endpoint, options: Self.options)
        let sourceID = try #require(try await source.send("CLUSTER", "MYID").string)
        let targetID = try #require(try await target.send("CLUSTER", "MYID").string)
        try await target.send("CLUSTER", "SETSLOT", slot, "IMPORTING", sourceID)
        try await source.send("CLUSTER", "SETSLOT", slot, "MIGRATING", targetID)
        try await connection.send("SET", key, "during the migration")
        let asked = try await target.pipeline([RedisCommand("ASKING"), RedisCommand("GET", key)])
        #expect(asked.last?.string == "during the migration")
        for each in [connection, source, target] { await each.close() }
        await cluster.stop()
        fixture.remove()
    }

    @Test func aMasterFoundThroughTLSSentinelsIsReachedOverTLS() async throws {
        let fixture = try await TLSFixture.make()
        let settings = RedisTLSSettings(fixture: fixture)
        let master = try await RedisServer.start(tls: settings)
        let sentinel = try await RedisSentinel.start(monitoring: master.endpoint, as: "orders", quorum: 1, tls: settings)
        var endpoint = RedisEndpoint.sentinel([sentinel.node], master: "orders")
        endpoint.tls = fixture.clientOptions()
        let connection = try await RedisConnection.connect(to: endpoint, options: Self.options)
        try await connection.send("SET", "lock:{sentinel-tls}", "owner")
        let direct = try await RedisConnection.connect(to: master.endpoint, options: Self.options)
        #expect(try await direct.send("GET", "lock:{sentinel-tls}").string == "owner")

        // A client that does not trust the CA is told so by every sentinel, in one line.
        endpoint.tls = TLSOptions()
        await #expect {
            _ = try await RedisConnection.connect(to: endpoint, options: Self.options)
        } throws: { error in
            guard case .tls = error as? RedisError else { return false }
            return "\(error)".contains("pass --cacert FILE")
        }
        for each in [connection, direct] { await each.close() }
        await sentinel.stop()
        await master.stop()
        fixture.remove()
    }
}
