import RedisClient
import Testing
import TestSupport

/// A connection to a real three-master cluster follows MOVED and ASK.
@Suite struct ClusterConnectionTests {
    @Test func aClusterConnectionReachesKeysOnEveryMaster() async throws {
        let cluster = try await RedisCluster.start()
        defer { Task { await cluster.stop() } }
        let connection = try await RedisConnection.connect(to: try cluster.endpoint)
        let keys = Self.keysOnEveryNode(cluster)
        for key in keys { try await connection.send("SET", key, "value of \(key)") }
        for key in keys {
            #expect(try await connection.send("GET", key).string == "value of \(key)")
            let owner = try await cluster.nodes[cluster.nodeIndex(serving: key)].connect()
            #expect(try await owner.send("GET", key).string == "value of \(key)", "\(key) lives on its slot's master")
        }
        // A pipeline whose keys live on several masters: each command reaches its master.
        let replies = try await connection.pipeline(keys.map { RedisCommand("GET", $0) })
        #expect(replies.map(\.string) == keys.map { "value of \($0)" })
    }

    @Test func theServerAndTheClientAgreeOnEverySlot() async throws {
        let cluster = try await RedisCluster.start(masters: 1)
        defer { Task { await cluster.stop() } }
        let node = try await cluster.nodes[0].connect()
        var generator = SystemRandomNumberGenerator()
        for length in 0..<200 {
            var key = (0..<length % 40).map { _ in UInt8.random(in: 0...255, using: &generator) }
            if length % 3 == 0 { key += Array("{tag\(length)}".utf8) }
            #expect(try await node.send("CLUSTER", "KEYSLOT", key).int == HashSlot.of(key), "\(key)")
        }
    }

    @Test func anAskRedirectionIsFollowedOnceDuringAMigration() async throws {
        let cluster = try await RedisCluster.start()
        defer { Task { await cluster.stop() } }
        let key = try #require(Self.keysOnEveryNode(cluster).last)
        let slot = HashSlot.of(key)
        let source = try await cluster.nodes[2].connect()
        let target = try await cluster.nodes[1].connect()
        let sourceID = try #require(try await source.send("CLUSTER", "MYID").string)
        let targetID = try #require(try await target.send("CLUSTER", "MYID").string)
        try await target.send("CLUSTER", "SETSLOT", slot, "IMPORTING", sourceID)
        try await source.send("CLUSTER", "SETSLOT", slot, "MIGRATING", targetID)

        // The key does not exist on the migrating master, so it answers ASK: the write lands on the importing one.
        let connection = try await RedisConnection.connect(to: try cluster.endpoint)
        try await connection.send("SET", key, "during the migration")
        #expect(try await source.send("CLUSTER", "COUNTKEYSINSLOT", slot).int == 0)
        let asked = try await target.pipeline([RedisCommand("ASKING"), RedisCommand("GET", key)])
        #expect(asked.last?.string == "during the migration")
        #expect(try await connection.send("GET", key).string == "during the migration")
    }

    @Test func aPlainConnectionToAClusterNodeSaysHowToFollowRedirections() async throws {
        let cluster = try await RedisCluster.start()
        defer { Task { await cluster.stop() } }
        let plain = try await cluster.nodes[0].connect()
        let elsewhere = try #require(Self.keysOnEveryNode(cluster).last)
        await #expect { try await plain.send("GET", elsewhere) } throws: { error in
            "\(error)".contains("MOVED") && "\(error)".contains("--cluster")
        }
        let connection = try await RedisConnection.connect(to: try cluster.endpoint)
        await #expect { try await connection.send("MSET", "a", "1", "b", "2") } throws: { error in
            "\(error)".contains("CROSSSLOT") && "\(error)".contains("hash tag")
        }
    }

    /// One key per master, in node order.
    static func keysOnEveryNode(_ cluster: RedisCluster) -> [String] {
        cluster.nodes.indices.map { index in cluster.key(onNode: index) { "key:\($0)" } }
    }
}
