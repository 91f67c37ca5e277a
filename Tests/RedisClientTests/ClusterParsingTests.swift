import RedisClient
import Testing

/// The pure parts of cluster support: slots, redirections and `CLUSTER NODES`.
@Suite struct ClusterParsingTests {
    @Test func hashSlotsMatchTheClusterSpecification() {
        // Values from the Redis Cluster specification and `CLUSTER KEYSLOT`.
        #expect(HashSlot.of("123456789") == 12739)
        #expect(HashSlot.of("foo") == 12182)
        #expect(HashSlot.of("{user1000}.following") == HashSlot.of("user1000"))
        #expect(HashSlot.of("lock:{coupon:1}") == HashSlot.of("lock:queue:{coupon:1}"))
        // An empty tag is no tag: the whole key is hashed.
        #expect(HashSlot.of("foo{}{bar}") != HashSlot.of("bar"))
        #expect(HashSlot.of("foo{{bar}}zap") == HashSlot.of("{bar"))
    }

    @Test func redirectionsAreReadFromErrorReplies() throws {
        let moved = try #require(ClusterRedirect(errorReply: "MOVED 3999 127.0.0.1:6381"))
        #expect(moved == ClusterRedirect(kind: .moved, slot: 3999, host: "127.0.0.1", port: 6381))
        let ask = try #require(ClusterRedirect(errorReply: "ASK 12182 [::1]:7002"))
        #expect(ask.kind == .ask && ask.host == "::1" && ask.port == 7002)
        #expect(ClusterRedirect(errorReply: "MOVED 3999 :6381")?.host == "")
        #expect(ClusterRedirect(errorReply: "ERR unknown command") == nil)
        #expect(ClusterRedirect(errorReply: "MOVED 99999 127.0.0.1:6381") == nil)
        #expect(ClusterRedirect(errorReply: "MOVED 1 127.0.0.1:notaport") == nil)
    }

    @Test func clusterNodesListsMastersWithTheirSlotsAndFailures() {
        let text = """
            07c37dfeb235213a872192d90877d0cd55635b91 127.0.0.1:30004@31004,host-4 slave e7d1eecce10fd6bb5eb35b9f99a514335d9ba9ca 0 1426238317239 4 connected
            67ed2db8d677e59ec4a4cefb06858cf2a1a89fa1 127.0.0.1:30002@31002 master - 0 1426238316232 2 connected 5461-10922
            292f8b365bb7edb5e285caf0b7e6ddc7265d2f4f 127.0.0.1:30003@31003 master,fail - 1426238316232 1426238314227 3 disconnected 10923-16383
            e7d1eecce10fd6bb5eb35b9f99a514335d9ba9ca :30001@31001 myself,master - 0 0 1 connected 0-5460 [5461->-67ed2db8d677e59ec4a4cefb06858cf2a1a89fa1]
            6ec23923021cf3ffec47632106199cb7f496ce01 :0@0 master,noaddr - 1426238316232 1426238316232 5 disconnected
            """
        let nodes = ClusterNodes.parse(text, askedHost: "10.0.0.9")
        #expect(nodes.count == 4)
        let masters = nodes.filter(\.isMaster)
        #expect(masters.map(\.address) == ["127.0.0.1:30002", "127.0.0.1:30003", "10.0.0.9:30001"])
        #expect(masters.map(\.slotCount) == [5462, 5461, 5461])
        #expect(masters.map(\.isFailing) == [false, true, false])
        #expect(nodes.first { !$0.isMaster }?.slots == [])
    }

    @Test func anEndpointBecomesAClusterEndpointOnlyWhereAClusterCanBe() throws {
        let cluster = try RedisEndpoint.tcp("127.0.0.1", port: 7000).asCluster()
        #expect(cluster.isCluster)
        #expect(cluster.description == "cluster via 127.0.0.1:7000")
        #expect(throws: RedisURLError.self) { try RedisEndpoint.tcp("127.0.0.1", port: 7000, database: 2).asCluster() }
        #expect(throws: RedisURLError.self) { try RedisEndpoint.unix("/tmp/redis.sock").asCluster() }
    }
}
