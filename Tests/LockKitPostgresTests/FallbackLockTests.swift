import LockKit
import LockKitPostgres
import PostgresServerKit
import RedisClient
import TestSupport
import Testing

@Suite struct FallbackLockTests {
    @Test func withRedisUpItTakesTheRedisLock() async throws {
        let redis = try await RedisServer.start()
        let postgres = try await PostgresServer.start()
        let lock = try await fallbackLock(redis: redis, postgres: postgres)

        let lease = try await lock.acquire("order:1", ttl: .seconds(60), wait: .seconds(5))

        #expect(lease.tier == .redis)
        #expect(!lease.isWeak)
        #expect(lease.degradations.isEmpty)
        #expect(try await redis.connect().send("GET", "lock:{order:1}").string == lease.lease.token.value)
        #expect(try await lease.release())
    }

    @Test func aHeldRedisLockIsWaitedForNotBypassed() async throws {
        let redis = try await RedisServer.start()
        let postgres = try await PostgresServer.start()
        let first = try await fallbackLock(redis: redis, postgres: postgres)
        let second = try await fallbackLock(redis: redis, postgres: postgres)
        let lease = try await first.acquire("order:2", ttl: .seconds(60), wait: .seconds(5))

        #expect(try await second.tryAcquire("order:2", ttl: .seconds(60)) == nil)
        #expect(try await lease.release())
        #expect(try await second.tryAcquire("order:2", ttl: .seconds(60))?.tier == .redis)
    }

    @Test func withRedisStoppedItTakesThePostgresLockAndSessionsStillExcludeEachOther() async throws {
        let redis = try await RedisServer.start()
        let postgres = try await PostgresServer.start()
        let first = try await fallbackLock(redis: redis, postgres: postgres)
        let second = try await fallbackLock(redis: redis, postgres: postgres)
        await redis.stop()

        let lease = try await first.acquire("order:3", ttl: .seconds(60), wait: .seconds(5))

        #expect(lease.tier == .database)
        #expect(lease.degradations.count == 1)
        #expect(try await second.tryAcquire("order:3", ttl: .seconds(60)) == nil)
        #expect(try await lease.release())
        let next = try await second.acquire("order:3", ttl: .seconds(60), wait: .seconds(5))
        #expect(next.tier == .database)
        #expect(try await first.tryAcquire("order:3", ttl: .seconds(60)) == nil)
        #expect(try await next.release())
    }

    @Test func withRedisAndPostgresStoppedItFallsBackToTheWeakProcessLock() async throws {
        let redis = try await RedisServer.start()
        let postgres = try await PostgresServer.start()
        let process = ProcessLocalLock()
        let first = try await fallbackLock(redis: redis, postgres: postgres, process: process)
        let second = try await fallbackLock(redis: redis, postgres: postgres, process: process)
        await redis.stop()
        await postgres.stop()

        let lease = try await first.acquire("order:4", ttl: .seconds(60), wait: .seconds(5))

        #expect(lease.tier == .process)
        #expect(lease.isWeak)
        #expect(lease.degradations.count == 2)
        // Within the process it still excludes.
        #expect(try await second.tryAcquire("order:4", ttl: .seconds(60)) == nil)
        #expect(try await lease.release())
        #expect(try await second.tryAcquire("order:4", ttl: .seconds(60))?.tier == .process)
    }

    @Test func aStoppedPostgresEndsTheSessionAndTheLeaseIsLost() async throws {
        let postgres = try await PostgresServer.start()
        let lock = PostgresAdvisoryLock(connectionString: postgres.connectionString)
        let lease = try await lock.acquire("order:5", ttl: .seconds(10), wait: .seconds(5))
        #expect(await lock.isConnected)

        await postgres.stop()

        #expect(try await lease.renew(to: .seconds(10)) == false)
        #expect(lease.status != .held)
    }

    @Test func aCrashedPostgresFallsBackToTheProcessTierAndARestartBringsTheDatabaseTierBack() async throws {
        let redis = try await RedisServer.start()
        let postgres = try await PostgresServer.start()
        let lock = try await fallbackLock(redis: redis, postgres: postgres)
        await redis.stop()
        let before = try await lock.acquire("order:6", ttl: .seconds(10), wait: .seconds(5))
        #expect(before.tier == .database)

        await postgres.kill()
        #expect(try await before.lease.renew(to: .seconds(10)) == false)
        let during = try await lock.acquire("order:6", ttl: .seconds(10), wait: .seconds(5))
        #expect(during.tier == .process)
        #expect(try await during.release())

        try await postgres.restart()
        let after = try await lock.acquire("order:6", ttl: .seconds(10), wait: .seconds(5))
        #expect(after.tier == .database)
        #expect(try await after.release())
    }

    @Test func advisoryLockNumbersAreStableFNV1aHashes() {
        // FNV-1a 64 of the empty string and of "a" (published test vectors).
        #expect(PostgresAdvisoryLock.fnv1a64("") == Int64(bitPattern: 0xcbf2_9ce4_8422_2325))
        #expect(PostgresAdvisoryLock.fnv1a64("a") == Int64(bitPattern: 0xaf63_dc4c_8601_ec8c))
    }
}
