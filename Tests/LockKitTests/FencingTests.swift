import LockKit
import RedisClient
import TestSupport
import Testing

@Suite struct FencingTests {
    @Test func fencingTokensStrictlyIncreaseAcrossOwnersIncludingAfterExpiry() async throws {
        let server = try await RedisServer.start()
        let redis = try await server.connect()
        let lock = DistributedLock(connection: redis, fenced: true)

        let first = try #require(try await lock.tryAcquire("r", ttl: .seconds(10)))
        let firstToken = try #require(first.fencingToken)
        #expect(try await first.release())

        let second = try #require(try await lock.tryAcquire("r", ttl: .seconds(10)))
        let secondToken = try #require(second.fencingToken)
        #expect(secondToken > firstToken)

        // The second owner never releases: its lock expires (server-side, no sleeping).
        try await redis.send("PEXPIRE", second.key, 1)
        var newOwner: LockLease?
        while newOwner == nil { newOwner = try await lock.tryAcquire("r", ttl: .seconds(10)) }
        let thirdToken = try #require(newOwner?.fencingToken)
        #expect(thirdToken > secondToken)
        await server.stop()
    }

    @Test func fencedStoreRefusesAnOlderTokenAfterANewerOneWrote() async throws {
        let server = try await RedisServer.start()
        let redis = try await server.connect()
        let lock = DistributedLock(connection: redis, fenced: true)
        let store = FencedStore(connection: redis)

        // The paused holder: its lock expires and a new owner takes over.
        let paused = try #require(try await lock.tryAcquire("order:1", ttl: .seconds(10)))
        try await redis.send("PEXPIRE", paused.key, 1)
        var newOwner: LockLease?
        while newOwner == nil { newOwner = try await lock.tryAcquire("order:1", ttl: .seconds(10)) }
        let current = try #require(newOwner)
        let oldToken = try #require(paused.fencingToken)
        let newToken = try #require(current.fencingToken)

        #expect(try await store.write(key: "order:{1}", value: "paid", token: newToken))
        #expect(try await store.write(key: "order:{1}", value: "paid twice", token: newToken))
        #expect(try await store.write(key: "order:{1}", value: "stale", token: oldToken) == false)
        let stored = try #require(try await store.read(key: "order:{1}"))
        #expect(stored.value == Array("paid twice".utf8))
        #expect(stored.token == newToken)
        #expect(try await store.read(key: "order:{2}") == nil)
        await server.stop()
    }
}
