import RedisClient
import TestSupport
import Testing

@Suite struct PipelineTests {
    @Test func tenThousandCommandsReturnTenThousandRepliesInOrder() async throws {
        let server = try await RedisServer.start()
        let redis = try await server.connect()
        let commands = (0..<10_000).map { RedisCommand("INCRBY", "counter", $0) }
        let replies = try await redis.pipeline(commands)
        #expect(replies.count == 10_000)
        var running: Int64 = 0
        for (index, reply) in replies.enumerated() {
            running += Int64(index)
            guard reply == .integer(running) else {
                Issue.record("reply \(index) is \(reply), expected \(running)")
                break
            }
        }
        await server.stop()
    }

    @Test func errorRepliesStayInTheirPlace() async throws {
        let server = try await RedisServer.start()
        let redis = try await server.connect()
        try await redis.send("LPUSH", "list", "x")
        let replies = try await redis.pipeline([
            RedisCommand("SET", "a", "1"),
            RedisCommand("INCR", "list"),
            RedisCommand("GET", "a"),
        ])
        #expect(replies[0].isOK)
        #expect(replies[1].errorMessage?.hasPrefix("WRONGTYPE") == true)
        #expect(replies[2] == .bulk(Array("1".utf8)))
        await server.stop()
    }
}
