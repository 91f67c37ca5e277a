import LockKit
import RedisClient
import TestSupport
import Testing

@Suite struct LockWatchdogTests {
    /// Time is simulated on the server (PEXPIRE shortens the key as if most of the TTL had
    /// passed), so a process descheduled for seconds on a loaded machine cannot fail it.
    @Test(arguments: ServerSetup.all)
    func renewsTheLockBackToItsTTLBeforeItRunsOut(on setup: ServerSetup) async throws {
        let server = try await setup.start()
        let redis = try await server.connect()
        let lock = DistributedLock(connection: redis)
        let lease = try #require(try await lock.tryAcquire("report", ttl: .seconds(60)))
        let watchdog = LockWatchdog(lease: lease, ttl: .seconds(60), interval: .milliseconds(50))
        for _ in 0..<3 {
            try await redis.send("PEXPIRE", lease.key, 2_000)
            try await ConditionPoll.until("the watchdog renewed the lock to its TTL") {
                try await redis.send("PTTL", lease.key).int ?? 0 > 30_000
            }
        }
        #expect(lease.isHeld)
        #expect(try await redis.send("GET", lease.key).string == lease.token.value)
        #expect(try await lease.release())
        // After release the loop ends by itself; `finished` returns only then.
        await watchdog.finished()
        #expect(try await redis.send("EXISTS", lease.key).int == 0)
        await server.stop()
    }

    @Test func tellsTheHolderWhenTheKeyIsDeletedBehindItsBack() async throws {
        let server = try await RedisServer.start()
        let redis = try await server.connect()
        let lease = try #require(try await DistributedLock(connection: redis).tryAcquire("report", ttl: .seconds(1)))
        let watchdog = LockWatchdog(lease: lease, ttl: .seconds(1), interval: .milliseconds(50))
        try await redis.send("DEL", lease.key)
        var losses: [LeaseLoss] = []
        for await loss in lease.losses { losses.append(loss) }
        #expect(losses == [.ownerChanged])
        #expect(!lease.isHeld)
        await watchdog.finished()
        await server.stop()
    }

    @Test(arguments: ServerSetup.all)
    func neverRenewsAnotherOwnersLock(on setup: ServerSetup) async throws {
        let server = try await setup.start()
        let redis = try await server.connect()
        let lock = DistributedLock(connection: redis)
        let lease = try #require(try await lock.tryAcquire("report", ttl: .seconds(1)))
        let watchdog = LockWatchdog(lease: lease, ttl: .seconds(1), interval: .milliseconds(50))
        try await redis.send("SET", lease.key, "someone-else", "PX", 60_000)
        for await _ in lease.losses {}
        await watchdog.finished()
        #expect(try await redis.send("GET", lease.key).string == "someone-else")
        #expect(try await redis.send("PTTL", lease.key).int ?? 0 > 50_000)
        await server.stop()
    }

    @Test func reportsRenewalFailureWhenRedisIsGone() async throws {
        let server = try await RedisServer.start()
        let redis = try await server.connect()
        let lease = try #require(try await DistributedLock(connection: redis).tryAcquire("report", ttl: .seconds(1)))
        let watchdog = LockWatchdog(lease: lease, ttl: .seconds(1), interval: .milliseconds(50))
        await server.kill()
        var losses: [LeaseLoss] = []
        for await loss in lease.losses { losses.append(loss) }
        guard case .renewalFailed = losses.first else {
            Issue.record("expected renewalFailed, got \(losses)")
            return
        }
        await watchdog.finished()
    }
}
