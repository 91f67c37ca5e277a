import LockKit
import RedisClient
import TestSupport
import Testing

@Suite struct FairLockTests {
    private let schema = KeySchema.default

    /// How many of the queue's keys (queue, arrival counter) exist; both are gone once nobody waits.
    private func queueKeysLeft(_ resource: String, on redis: RedisConnection) async throws -> Int? {
        try await redis.send("EXISTS", schema.queue(resource), schema.queueArrivals(resource)).int
    }

    /// Starts one waiter per label on "job", each queued before the next comes; each, once
    /// served, notes its label and releases.
    private func queueWaiters(_ labels: [String], server: RedisServer, hub: ReleaseNotifications, order: AcquisitionOrder,
                              watching redis: RedisConnection) async throws -> [Task<Void, any Error>] {
        var waiters: [Task<Void, any Error>] = []
        for (index, label) in labels.enumerated() {
            let lock = FairLock(connection: try await server.connect(), notifications: hub)
            waiters.append(Task {
                let lease = try await lock.acquire("job", ttl: .seconds(10), wait: .seconds(60))
                order.append(label)
                try await lease.release()
            })
            try await ConditionPoll.until("\(label) queued") { try await redis.send("ZCARD", schema.queue("job")).int == index + 1 }
        }
        return waiters
    }

    /// A waiter of a process that listens but never confirms (a stalled one), queued first:
    /// its own subscriber on the grant channel its token names.
    private func stalledWaiter(on server: RedisServer, redis: RedisConnection) async throws -> (token: String, subscriber: Subscriber) {
        let token = "1700000000000-stalled-host-4242-deadbeef"
        let subscriber = try Subscriber(endpoint: server.endpoint) { _ in }
        try await subscriber.subscribe([schema.grantChannel("job", process: "stalled-host-4242")])
        try await redis.send("ZADD", schema.queue("job"), 0, token)
        return (token, subscriber)
    }

    @Test func sixteenClientsNeverOverlap() async throws {
        let server = try await RedisServer.start()
        let hub = try ReleaseNotifications(endpoint: server.endpoint)
        let total = try await counterAfterContention(on: server, resource: "coupon:1", increments: contentionIncrements(.redis)) { _, connection in
            FairLock(connection: connection, notifications: hub)
        }
        #expect(total == 16 * contentionIncrements(.redis))
        let redis = try await server.connect()
        #expect(try await queueKeysLeft("coupon:1", on: redis) == 0)
        #expect(try await redis.send("EXISTS", schema.lock("coupon:1")).int == 0)
        #expect(hub.registeredWaiters == 0)
        hub.stop()
        await server.stop()
    }

    @Test func waitersAreServedInArrivalOrder() async throws {
        let server = try await RedisServer.start()
        let redis = try await server.connect()
        let hub = try ReleaseNotifications(endpoint: server.endpoint)
        let holder = try #require(try await FairLock(connection: redis, notifications: hub).tryAcquire("job", ttl: .seconds(60)))

        let order = AcquisitionOrder()
        let labels = ["first", "second", "third", "fourth"]
        let waiters = try await queueWaiters(labels, server: server, hub: hub, order: order, watching: redis)
        #expect(try await holder.release())
        for waiter in waiters { try await waiter.value }
        #expect(order.all == labels)
        #expect(try await queueKeysLeft("job", on: redis) == 0)
        hub.stop()
        await server.stop()
    }

    /// The release itself writes the head's token into the lock: it is never free between holders.
    @Test func releaseHandsTheLockToTheHeadInsideRedis() async throws {
        let server = try await RedisServer.start()
        let redis = try await server.connect()
        let hub = try ReleaseNotifications(endpoint: server.endpoint)
        let lock = FairLock(connection: try await server.connect(), notifications: hub)
        let holder = try #require(try await lock.tryAcquire("job", ttl: .seconds(60)))
        let waiting = Task { try await FairLock(connection: try await server.connect(), notifications: hub).acquire("job", ttl: .seconds(10), wait: .seconds(60)) }
        try await ConditionPoll.until("the waiter queued") { try await redis.send("ZCARD", schema.queue("job")).int == 1 }
        let waiterToken = try #require(try await lock.queuedWaiters("job").first?.token.value)

        #expect(try await holder.release())
        #expect(try await redis.send("GET", schema.lock("job")).string == waiterToken)
        let lease = try await waiting.value
        #expect(lease.token.value == waiterToken)
        // Confirmed: the grant's short TTL became the lease's.
        #expect(try await redis.send("PTTL", schema.lock("job")).int ?? 0 > 200)
        #expect(try await lease.release())
        hub.stop()
        await server.stop()
    }

    @Test func aGrantNobodyConfirmsExpiresAndTheNextWaiterGetsIt() async throws {
        let server = try await RedisServer.start()
        let redis = try await server.connect()
        let hub = try ReleaseNotifications(endpoint: server.endpoint)
        let lock = FairLock(connection: try await server.connect(), notifications: hub, grantTTL: .milliseconds(50))
        let holder = try #require(try await lock.tryAcquire("job", ttl: .seconds(60)))
        let stalled = try await stalledWaiter(on: server, redis: redis)
        let waiting = Task { try await lock.acquire("job", ttl: .seconds(10), wait: .seconds(60)) }
        try await ConditionPoll.until("the live waiter queued") { try await redis.send("ZCARD", schema.queue("job")).int == 2 }

        #expect(try await holder.release())
        let lease = try await waiting.value
        #expect(lease.isHeld)
        #expect(try await redis.send("GET", schema.lock("job")).string == lease.token.value)
        #expect(try await redis.send("ZSCORE", schema.queue("job"), stalled.token) == .null)
        #expect(try await lease.release())
        stalled.subscriber.stop()
        hub.stop()
        await server.stop()
    }

    /// Nobody listens on the channel of a waiter whose process died: the release drops it and
    /// grants the next one, with no clock involved.
    @Test func aWaiterNobodyListensForIsSkippedAtHandOver() async throws {
        let server = try await RedisServer.start()
        let redis = try await server.connect()
        let hub = try ReleaseNotifications(endpoint: server.endpoint)
        let lock = FairLock(connection: try await server.connect(), notifications: hub, grantTTL: .seconds(60))
        let holder = try #require(try await lock.tryAcquire("job", ttl: .seconds(60)))
        let dead = "1700000000000-gone-host-4242-deadbeef"
        try await redis.send("ZADD", schema.queue("job"), 0, dead)
        let waiting = Task { try await lock.acquire("job", ttl: .seconds(10), wait: .seconds(60)) }
        try await ConditionPoll.until("the live waiter queued") { try await redis.send("ZCARD", schema.queue("job")).int == 2 }

        #expect(try await holder.release())
        // Handed straight to the live waiter (a grant to the dead one would hold for 60 s).
        let lease = try await waiting.value
        #expect(try await redis.send("ZSCORE", schema.queue("job"), dead) == .null)
        #expect(try await lease.release())
        #expect(try await queueKeysLeft("job", on: redis) == 0)
        hub.stop()
        await server.stop()
    }

    @Test func aWaiterThatTimesOutOrIsCancelledLeavesTheQueue() async throws {
        let server = try await RedisServer.start()
        let redis = try await server.connect()
        let hub = try ReleaseNotifications(endpoint: server.endpoint)
        let lock = FairLock(connection: try await server.connect(), notifications: hub)
        let holder = try #require(try await lock.tryAcquire("job", ttl: .seconds(60)))

        await #expect(throws: LockError.timeout(key: "lock:{job}", waited: .milliseconds(100))) {
            _ = try await lock.acquire("job", ttl: .seconds(1), wait: .milliseconds(100))
        }
        #expect(try await redis.send("ZCARD", schema.queue("job")).int == 0)

        let waiting = Task { try await lock.acquire("job", ttl: .seconds(1), wait: .seconds(60)) }
        try await ConditionPoll.until("the waiter queued") { try await redis.send("ZCARD", schema.queue("job")).int == 1 }
        waiting.cancel()
        await #expect(throws: LockError.cancelled(key: "lock:{job}")) { _ = try await waiting.value }
        #expect(try await redis.send("ZCARD", schema.queue("job")).int == 0)
        #expect(hub.registeredWaiters == 0)
        #expect(try await holder.release())
        #expect(try await queueKeysLeft("job", on: redis) == 0)
        hub.stop()
        await server.stop()
    }

    @Test func tryAcquireDoesNotJumpTheQueue() async throws {
        let server = try await RedisServer.start()
        let redis = try await server.connect()
        let hub = try ReleaseNotifications(endpoint: server.endpoint)
        let lock = FairLock(connection: try await server.connect(), notifications: hub)
        let holder = try #require(try await lock.tryAcquire("job", ttl: .seconds(60)))
        let waiting = Task { try await lock.acquire("job", ttl: .seconds(10), wait: .seconds(60)) }
        try await ConditionPoll.until("the waiter queued") { try await redis.send("ZCARD", schema.queue("job")).int == 1 }

        // The lock is free now (as if it expired), but someone is queued for it.
        try await redis.send("DEL", holder.key)
        #expect(try await FairLock(connection: redis, notifications: hub).tryAcquire("job", ttl: .seconds(10)) == nil)
        #expect(try await waiting.value.release())
        hub.stop()
        await server.stop()
    }

    /// Both take the lock only with SET NX on the same key, and a grant is a value in it.
    @Test func mixedWithDistributedLockExclusionHolds() async throws {
        let server = try await RedisServer.start()
        let hub = try ReleaseNotifications(endpoint: server.endpoint)
        let total = try await counterAfterContention(on: server, resource: "mixed", increments: 50) { client, connection -> any ResourceLock in
            client.isMultiple(of: 2)
                ? FairLock(connection: connection, notifications: hub, safetyInterval: .milliseconds(20))
                : DistributedLock(connection: connection, backoff: .fixed(.milliseconds(5)))
        }
        #expect(total == 16 * 50)
        hub.stop()
        await server.stop()
    }

    @Test func fencingTokensIncreaseAcrossHandOvers() async throws {
        let server = try await RedisServer.start()
        let hub = try ReleaseNotifications(endpoint: server.endpoint)
        let lock = FairLock(connection: try await server.connect(), notifications: hub, fenced: true)
        let other = FairLock(connection: try await server.connect(), notifications: hub, fenced: true)
        let first = try await lock.acquire("job", ttl: .seconds(10), wait: .seconds(10))
        let waiting = Task { try await other.acquire("job", ttl: .seconds(10), wait: .seconds(60)) }
        try await ConditionPoll.until("the waiter queued") { try await lock.queuedWaiters("job").count == 1 }
        try await first.release()
        let second = try await waiting.value
        let (a, b) = (try #require(first.fencingToken), try #require(second.fencingToken))
        #expect(a < b)
        try await second.release()
        hub.stop()
        await server.stop()
    }

    @Test func aProcessTagMatchesWhatTheScriptsReadFromItsTokens() {
        let token = OwnerToken.generate().value
        #expect(token.contains("-\(OwnerToken.processTag)-"))
        #expect(KeySchema.default.grantChannel("a:b", process: "h-1") == "lock:grant:{a:b}:h-1")
    }
}
