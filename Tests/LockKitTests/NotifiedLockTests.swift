import LockKit
import RedisClient
import TestSupport
import Testing

@Suite struct NotifiedLockTests {
    private let channel = KeySchema.default.releaseChannel("job")

    @Test(.serialized, arguments: ServerSetup.contention)
    func sixteenClientsSharingOneSubscriberNeverOverlap(on setup: ServerSetup) async throws {
        let server = try await setup.start()
        // One hub per process, as in production: the 16 clients (each on its own connection)
        // share its single subscriber connection.
        let hub = try ReleaseNotifications(endpoint: server.endpoint)
        let made = NotifiedLockRegistry()
        let total = try await counterAfterContention(on: server, resource: "coupon:1", increments: contentionIncrements(setup)) { _, connection in
            made.keep(NotifiedLock(connection: connection, notifications: hub))
        }
        #expect(total == 16 * contentionIncrements(setup))
        #expect(made.statistics.reduce(0) { $0 + $1.acquisitions } == 16 * contentionIncrements(setup))
        #expect(hub.registeredWaiters == 0)
        hub.stop()
        await server.stop()
    }

    /// The first try is a bare SET NX PX: a free lock costs no script (the hand-over of a busy
    /// lock is usually its releaser taking it again, so this is on every such path).
    @Test func aFreeLockIsTakenWithOneSetAndNoScript() async throws {
        let server = try await RedisServer.start()
        let redis = try await server.connect()
        let hub = try ReleaseNotifications(endpoint: server.endpoint)
        let lock = NotifiedLock(connection: try await server.connect(), notifications: hub)
        try await redis.send("CONFIG", "RESETSTAT")
        let lease = try await lock.acquire("job", ttl: .seconds(10), wait: .seconds(10))
        let stats = try #require(try await redis.send("INFO", "commandstats").string)
        #expect(!stats.contains("cmdstat_evalsha"))
        #expect(stats.contains("cmdstat_set:calls=1,"))
        #expect(lock.statistics.immediate == 1)
        #expect(try await redis.send("GET", lease.key).string == lease.token.value)
        #expect(try await lease.release())
        hub.stop()
        await server.stop()
    }

    @Test func aWaiterIsWokenByTheReleaseMessage() async throws {
        let server = try await RedisServer.start()
        let hub = try ReleaseNotifications(endpoint: server.endpoint)
        let holderLock = NotifiedLock(connection: try await server.connect(), notifications: hub)
        let holder = try #require(try await holderLock.tryAcquire("job", ttl: .seconds(60)))
        // The safety timer and the holder's TTL are longer than the test: only the message can wake it.
        let waiterLock = NotifiedLock(connection: try await server.connect(), notifications: hub, safetyInterval: .seconds(60))
        let waiting = Task { try await waiterLock.acquire("job", ttl: .seconds(10), wait: .seconds(120)) }
        try await ConditionPoll.until("the waiter listens") { hub.listeningWaiters(on: channel) == 1 }

        #expect(try await holder.release())
        let lease = try await waiting.value
        #expect(waiterLock.statistics.afterNotification == 1)
        #expect(waiterLock.statistics.acquisitions == 1)
        #expect(hub.registeredWaiters == 0)
        #expect(try await lease.release())
        hub.stop()
        await server.stop()
    }

    @Test func aWaiterStillAcquiresWhenTheReleaseMessageIsLost() async throws {
        let server = try await RedisServer.start()
        let hub = try ReleaseNotifications(endpoint: server.endpoint)
        let silentHolder = NotifiedLock(connection: try await server.connect(), notifications: hub, publishesReleases: false)
        let holder = try #require(try await silentHolder.tryAcquire("job", ttl: .seconds(60)))
        let waiterLock = NotifiedLock(connection: try await server.connect(), notifications: hub, safetyInterval: .milliseconds(50))
        let waiting = Task { try await waiterLock.acquire("job", ttl: .seconds(10), wait: .seconds(120)) }
        try await ConditionPoll.until("the waiter listens") { hub.listeningWaiters(on: channel) == 1 }

        #expect(try await holder.release())
        let lease = try await waiting.value
        #expect(waiterLock.statistics.afterSafetyTimer == 1)
        #expect(waiterLock.statistics.afterNotification == 0)
        #expect(try await lease.release())
        hub.stop()
        await server.stop()
    }

    @Test func aWaiterIsWokenWhenTheSubscriberReconnectsAfterARestart() async throws {
        let server = try await RedisServer.start()
        let quick = ReconnectPolicy(initialDelay: .milliseconds(20), maximumDelay: .milliseconds(200))
        let hub = try ReleaseNotifications(endpoint: server.endpoint, options: RedisConnectionOptions(reconnect: quick))
        let holderLock = NotifiedLock(connection: try await server.connect(), notifications: hub)
        _ = try #require(try await holderLock.tryAcquire("job", ttl: .seconds(60)))
        let waiterLock = NotifiedLock(connection: try await server.connect(reconnect: quick), notifications: hub,
                                      safetyInterval: .seconds(60))
        let waiting = Task { try await waiterLock.acquire("job", ttl: .seconds(10), wait: .seconds(120)) }
        try await ConditionPoll.until("the waiter listens") { hub.listeningWaiters(on: channel) == 1 }

        // The lock dies with the server and no release is ever published: only the
        // resubscription can tell the waiter to look again before its 60 s safety timer.
        try await server.restart()
        let lease = try await waiting.value
        #expect(waiterLock.statistics.afterResubscribe == 1)
        #expect(try await lease.release())
        hub.stop()
        await server.stop()
    }

    @Test func manyWaitsLeaveNoRegistrationOrSubscriptionBehind() async throws {
        let server = try await RedisServer.start()
        let redis = try await server.connect()
        let hub = try ReleaseNotifications(endpoint: server.endpoint)
        let lock = NotifiedLock(connection: redis, notifications: hub, safetyInterval: .milliseconds(5))
        _ = try #require(try await lock.tryAcquire("job", ttl: .seconds(60)))

        for _ in 0..<50 {
            await #expect(throws: LockError.timeout(key: "lock:{job}", waited: .milliseconds(10))) {
                _ = try await lock.acquire("job", ttl: .seconds(1), wait: .milliseconds(10))
            }
        }
        try await withThrowingTaskGroup(of: Void.self) { group in
            for _ in 0..<30 {
                group.addTask {
                    let own = NotifiedLock(connection: try await server.connect(), notifications: hub, safetyInterval: .milliseconds(5))
                    await #expect(throws: LockError.timeout(key: "lock:{job}", waited: .milliseconds(50))) {
                        _ = try await own.acquire("job", ttl: .seconds(1), wait: .milliseconds(50))
                    }
                }
            }
            try await group.waitForAll()
        }
        for _ in 0..<20 {
            let waiting = Task { try await lock.acquire("job", ttl: .seconds(1), wait: .seconds(60)) }
            try await ConditionPoll.until("the waiter listens") { hub.listeningWaiters(on: channel) == 1 }
            waiting.cancel()
            await #expect(throws: LockError.cancelled(key: "lock:{job}")) { _ = try await waiting.value }
        }
        // Each on a channel of its own, so subscribing and unsubscribing are exercised too.
        let patient = NotifiedLock(connection: redis, notifications: hub, safetyInterval: .seconds(60))
        for index in 0..<20 {
            let resource = "job:\(index)"
            let holder = try #require(try await lock.tryAcquire(resource, ttl: .seconds(60)))
            let waiting = Task { try await patient.acquire(resource, ttl: .seconds(1), wait: .seconds(60)) }
            try await ConditionPoll.until("the waiter listens") {
                hub.listeningWaiters(on: KeySchema.default.releaseChannel(resource)) == 1
            }
            #expect(try await holder.release())
            #expect(try await waiting.value.release())
        }

        #expect(hub.registeredWaiters == 0)
        #expect(hub.activeChannels == 0)
        #expect(lock.statistics.timeouts == 50)
        #expect(patient.statistics.afterNotification == 20)
        // The server's own view: every channel was unsubscribed again.
        try await ConditionPoll.until("no channel subscribed") {
            try await redis.send("PUBSUB", "CHANNELS", "lock:channel:*").array?.isEmpty == true
        }
        hub.stop()
        await server.stop()
    }

    @Test func oneSharedHubPerEndpoint() async throws {
        let server = try await RedisServer.start()
        let first = try ReleaseNotifications.shared(for: server.endpoint)
        let second = try ReleaseNotifications.shared(for: server.endpoint)
        #expect(first === second)
        first.stop()
        await server.stop()
    }

    @Test func zeroTTLIsRejected() async throws {
        let server = try await RedisServer.start()
        let hub = try ReleaseNotifications(endpoint: server.endpoint)
        let lock = NotifiedLock(connection: try await server.connect(), notifications: hub)
        await #expect(throws: LockError.self) { _ = try await lock.acquire("job", ttl: .zero, wait: .seconds(1)) }
        hub.stop()
        await server.stop()
    }
}
