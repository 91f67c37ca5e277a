import LockKit
import RedisClient
import TestSupport
import Testing

@Suite struct PriorityLockTests {
    private let schema = KeySchema.default

    /// How many of the queue's keys exist (the heartbeat zset of earlier versions included);
    /// all are gone once nobody waits.
    private func queueKeysLeft(_ resource: String, on redis: RedisConnection) async throws -> Int? {
        let keys = [schema.queue(resource), schema.queueDeadlines(resource), schema.queueArrivals(resource)]
        return try await redis.send(RedisCommand("EXISTS", arguments: keys)).int
    }

    /// Starts a waiter per `(label, priority)` on "job", each queued before the next comes
    /// (arrival order is part of what is tested); each, once served, notes its label and releases.
    private func queueWaiters(_ specs: [(label: String, priority: Int)], server: RedisServer, hub: ReleaseNotifications,
                              order: AcquisitionOrder, watching redis: RedisConnection,
                              safetyInterval: Duration = .milliseconds(200)) async throws -> [Task<Void, any Error>] {
        var waiters: [Task<Void, any Error>] = []
        for (index, spec) in specs.enumerated() {
            let lock = PriorityLock(connection: try await server.connect(), notifications: hub, safetyInterval: safetyInterval)
            waiters.append(Task {
                let lease = try await lock.acquire("job", priority: spec.priority, ttl: .seconds(10), wait: .seconds(60))
                order.append(spec.label)
                try await lease.release()
            })
            try await ConditionPoll.until("\(spec.label) queued") {
                try await redis.send("ZCARD", schema.queue("job")).int == index + 1
            }
        }
        return waiters
    }

    /// The members of the "job" queue, first in line first.
    private func lockTokensInQueueOrder(_ redis: RedisConnection) async throws -> [String] {
        (try await redis.send("ZRANGE", schema.queue("job"), 0, -1).array ?? []).compactMap(\.string)
    }

    @Test func sixteenClientsWithMixedPrioritiesNeverOverlap() async throws {
        let server = try await RedisServer.start()
        let hub = try ReleaseNotifications(endpoint: server.endpoint)
        let total = try await counterAfterContention(on: server, resource: "coupon:1") { client, connection in
            PriorityLock(connection: connection, notifications: hub, defaultPriority: 1 + client % 4)
        }
        #expect(total == 3_200)
        #expect(try await queueKeysLeft("coupon:1", on: server.connect()) == 0)
        #expect(hub.registeredWaiters == 0)
        hub.stop()
        await server.stop()
    }

    @Test func waitersAreServedByPriorityThenArrival() async throws {
        let server = try await RedisServer.start()
        let redis = try await server.connect()
        let hub = try ReleaseNotifications(endpoint: server.endpoint)
        let holder = try #require(try await PriorityLock(connection: redis, notifications: hub).tryAcquire("job", ttl: .seconds(60)))

        let order = AcquisitionOrder()
        let waiters = try await queueWaiters([("p5", 5), ("p1", 1), ("p3 first", 3), ("p3 second", 3)],
                                             server: server, hub: hub, order: order, watching: redis)

        #expect(try await holder.release())
        for waiter in waiters { try await waiter.value }
        #expect(order.all == ["p1", "p3 first", "p3 second", "p5"])
        #expect(try await queueKeysLeft("job", on: redis) == 0)
        hub.stop()
        await server.stop()
    }

    /// A waiter taken out of the queue while it was descheduled (its grant expired, or its
    /// process was not listening at the hand-over) must rejoin where it was when it looks again,
    /// not behind those who came after it.
    @Test func aWaiterDroppedWhileDescheduledRejoinsAtItsOwnPlace() async throws {
        let server = try await RedisServer.start()
        let redis = try await server.connect()
        let hub = try ReleaseNotifications(endpoint: server.endpoint)
        let holder = try #require(try await PriorityLock(connection: redis, notifications: hub).tryAcquire("job", ttl: .seconds(60)))

        let order = AcquisitionOrder()
        let waiters = try await queueWaiters([("first", 3), ("second", 3)], server: server, hub: hub, order: order,
                                             watching: redis, safetyInterval: .milliseconds(20))
        let tokens = try await lockTokensInQueueOrder(redis)

        // What a hand-over does to a waiter it could not reach.
        try await redis.send("ZREM", schema.queue("job"), tokens[0])
        try await ConditionPoll.until("the first waiter looked again and rejoined") {
            try await redis.send("ZSCORE", schema.queue("job"), tokens[0]) != .null
        }
        #expect(try await redis.send("ZRANGE", schema.queue("job"), 0, 0).array?.first?.string == tokens[0])

        #expect(try await holder.release())
        for waiter in waiters { try await waiter.value }
        #expect(order.all == ["first", "second"])
        hub.stop()
        await server.stop()
    }

    /// A crashed client's entry: nobody listens on its process's grant channel any more, so the
    /// hand-over drops it and grants the next waiter (a grant to it would hold for a minute).
    @Test func aDeadWaiterAtTheHeadIsDroppedAndTheNextOneProceeds() async throws {
        let server = try await RedisServer.start()
        let redis = try await server.connect()
        let hub = try ReleaseNotifications(endpoint: server.endpoint)
        let lock = PriorityLock(connection: try await server.connect(), notifications: hub, safetyInterval: .seconds(60),
                                grantTTL: .seconds(60))
        let holder = try #require(try await lock.tryAcquire("job", ttl: .seconds(60)))

        // The crashed client: first in line (priority 1, arrival 0).
        let crashed = "1700000000000-crashed-host-4242-deadbeef"
        try await redis.send("ZADD", schema.queue("job"), "10000000000000", crashed)

        let waiting = Task { try await lock.acquire("job", priority: 5, ttl: .seconds(10), wait: .seconds(60)) }
        try await ConditionPoll.until("the live waiter queued") {
            try await lock.queuedWaiters("job").contains { $0.priority == 5 }
        }
        #expect(try await holder.release())
        let lease = try await waiting.value
        #expect(try await redis.send("ZSCORE", schema.queue("job"), crashed) == .null)
        #expect(try await lease.release())
        hub.stop()
        await server.stop()
    }

    @Test func aWaiterThatTimesOutOrIsCancelledLeavesTheQueue() async throws {
        let server = try await RedisServer.start()
        let redis = try await server.connect()
        let hub = try ReleaseNotifications(endpoint: server.endpoint)
        let lock = PriorityLock(connection: try await server.connect(), notifications: hub)
        _ = try #require(try await lock.tryAcquire("job", ttl: .seconds(60)))

        await #expect(throws: LockError.timeout(key: "lock:{job}", waited: .milliseconds(100))) {
            _ = try await lock.acquire("job", priority: 2, ttl: .seconds(1), wait: .milliseconds(100))
        }
        #expect(try await queueKeysLeft("job", on: redis) == 0)

        let waiting = Task { try await lock.acquire("job", priority: 2, ttl: .seconds(1), wait: .seconds(60)) }
        try await ConditionPoll.until("the waiter queued") { try await redis.send("ZCARD", schema.queue("job")).int == 1 }
        waiting.cancel()
        await #expect(throws: LockError.cancelled(key: "lock:{job}")) { _ = try await waiting.value }
        #expect(try await queueKeysLeft("job", on: redis) == 0)
        #expect(hub.registeredWaiters == 0)
        hub.stop()
        await server.stop()
    }

    @Test func tryAcquireDoesNotJumpTheQueue() async throws {
        let server = try await RedisServer.start()
        let redis = try await server.connect()
        let hub = try ReleaseNotifications(endpoint: server.endpoint)
        let lock = PriorityLock(connection: try await server.connect(), notifications: hub)
        let holder = try #require(try await lock.tryAcquire("job", ttl: .seconds(60)))
        let waiting = Task { try await lock.acquire("job", priority: 9, ttl: .seconds(10), wait: .seconds(60)) }
        try await ConditionPoll.until("the waiter queued") { try await redis.send("ZCARD", schema.queue("job")).int == 1 }

        // The lock is free now (as if it expired), but someone is queued for it.
        try await redis.send("DEL", holder.key)
        let latecomer = PriorityLock(connection: redis, notifications: hub)
        #expect(try await latecomer.tryAcquire("job", ttl: .seconds(10)) == nil)
        #expect(try await waiting.value.release())
        hub.stop()
        await server.stop()
    }

    @Test func queuedWaitersShowPriorityAndArrival() {
        let waiter = QueuedWaiter(token: OwnerToken(value: "t"), score: 3e13 + 42)
        #expect(waiter.priority == 3)
        #expect(waiter.arrival == 42)
    }

    @Test func priorityOutsideOneToTenIsRejected() async throws {
        let server = try await RedisServer.start()
        let hub = try ReleaseNotifications(endpoint: server.endpoint)
        let lock = PriorityLock(connection: try await server.connect(), notifications: hub)
        for priority in [0, 11] {
            await #expect(throws: LockError.invalidArgument("priority must be in 1...10, got \(priority)")) {
                _ = try await lock.acquire("job", priority: priority, ttl: .seconds(1), wait: .seconds(1))
            }
        }
        hub.stop()
        await server.stop()
    }
}
