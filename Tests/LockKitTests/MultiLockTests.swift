import LockKit
import RedisClient
import TestSupport
import Testing

@Suite struct MultiLockTests {
    @Test func eightClientsLockingTheSameThreeResourcesNeverOverlap() async throws {
        let server = try await RedisServer.start()
        let resources = ["balance:1", "stock:7", "coupon:3"]
        let counterKey = "counter:{multi}"
        try await withThrowingTaskGroup(of: Void.self) { group in
            for client in 0..<8 {
                group.addTask {
                    let connection = try await server.connect()
                    let lock = MultiLock(connection: connection, backoff: .fixed(.milliseconds(2)))
                    // Each client names the resources in its own order: all-or-nothing must not deadlock.
                    let order = Array(resources[(client % 3)...] + resources[..<(client % 3)])
                    for _ in 0..<100 {
                        try await lock.withLocks(order, ttl: .seconds(10), wait: .seconds(120)) { _ in
                            let current = try await connection.send("GET", counterKey).int ?? 0
                            try await connection.send("SET", counterKey, current + 1)
                        }
                    }
                }
            }
            try await group.waitForAll()
        }
        #expect(try await server.connect().send("GET", counterKey).int == 800)
        await server.stop()
    }

    @Test func oneKeyHeldByAnotherOwnerMeansNoneOfTheOthersIsLocked() async throws {
        let server = try await RedisServer.start()
        let redis = try await server.connect()
        let resources = ["a", "b", "c", "d", "e"]
        let other = try #require(try await DistributedLock(connection: redis).tryAcquire("c", ttl: .seconds(30)))

        #expect(try await MultiLock(connection: redis).tryAcquire(resources, ttl: .seconds(10)) == nil)
        let others = resources.filter { $0 != "c" }.map { KeySchema.default.lock($0) }
        #expect(try await redis.send(RedisCommand("EXISTS", arguments: others)).int == 0)
        #expect(try await redis.send("GET", other.key).string == other.token.value)
        await server.stop()
    }

    @Test func releaseReleasesEveryKey() async throws {
        let server = try await RedisServer.start()
        let redis = try await server.connect()
        let lease = try #require(try await MultiLock(connection: redis).tryAcquire(["a", "b", "c"], ttl: .seconds(10)))
        #expect(try await redis.send(RedisCommand("EXISTS", arguments: lease.keys)).int == 3)

        #expect(try await lease.release())
        #expect(lease.status == .released)
        #expect(try await redis.send(RedisCommand("EXISTS", arguments: lease.keys)).int == 0)
        await server.stop()
    }

    @Test func extendAddsToEveryKey() async throws {
        let server = try await RedisServer.start()
        let redis = try await server.connect()
        let lease = try #require(try await MultiLock(connection: redis).tryAcquire(["a", "b"], ttl: .seconds(10)))
        #expect(try await lease.extend(by: .seconds(100)))
        for key in lease.keys {
            #expect(try await redis.send("PTTL", key).int ?? 0 > 100_000)
        }
        await server.stop()
    }

    @Test func leaseWhoseKeysExpiredCannotTouchTheNewOwnersKeys() async throws {
        let server = try await RedisServer.start()
        let redis = try await server.connect()
        let lock = MultiLock(connection: redis)
        let stale = try #require(try await lock.tryAcquire(["a", "b"], ttl: .seconds(10)))
        // Expire them for real (server-side) instead of sleeping past the TTL.
        for key in stale.keys { try await redis.send("PEXPIRE", key, 1) }
        var newOwner: MultiLease?
        while newOwner == nil { newOwner = try await lock.tryAcquire(["a", "b"], ttl: .seconds(10)) }
        let fresh = try #require(newOwner)

        #expect(try await stale.extend(by: .seconds(5)) == false)
        #expect(stale.status == .lost(.ownerChanged))
        #expect(try await stale.release() == false)
        for key in fresh.keys {
            #expect(try await redis.send("GET", key).string == fresh.token.value)
        }
        #expect(try await fresh.release())
        await server.stop()
    }

    @Test func staleReleaseLeavesTheNewOwnersKeysInPlace() async throws {
        let server = try await RedisServer.start()
        let redis = try await server.connect()
        let lock = MultiLock(connection: redis)
        let stale = try #require(try await lock.tryAcquire(["a", "b"], ttl: .seconds(10)))
        for key in stale.keys { try await redis.send("PEXPIRE", key, 1) }
        var newOwner: MultiLease?
        while newOwner == nil { newOwner = try await lock.tryAcquire(["a", "b"], ttl: .seconds(10)) }
        let fresh = try #require(newOwner)

        #expect(try await stale.release() == false)
        #expect(stale.status == .lost(.ownerChanged))
        #expect(try await redis.send(RedisCommand("EXISTS", arguments: fresh.keys)).int == 2)
        await server.stop()
    }

    @Test func emptyOrDuplicateResourcesAreRejected() async throws {
        let server = try await RedisServer.start()
        let lock = MultiLock(connection: try await server.connect())
        await #expect(throws: LockError.self) { _ = try await lock.tryAcquire([], ttl: .seconds(1)) }
        await #expect(throws: LockError.self) { _ = try await lock.tryAcquire(["a", "b", "a"], ttl: .seconds(1)) }
        await server.stop()
    }
}
