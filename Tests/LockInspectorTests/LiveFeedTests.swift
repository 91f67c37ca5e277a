import LockInspector
import LockKit
import RedisClient
import TestSupport
import Testing

@Suite(.timeLimit(.minutes(2)))
struct LiveFeedTests {
    /// Polls and rescans so rare that only a notification can explain a change.
    static var notificationsOnly: FeedOptions {
        var options = FeedOptions()
        options.refreshInterval = .seconds(3600)
        options.rescanInterval = .seconds(3600)
        return options
    }

    @Test(arguments: ServerSetup.bothKinds)
    func releaseShowsUpThroughKeyspaceNotificationsWithoutAPoll(on setup: ServerSetup) async throws {
        let server = try await setup.start(arguments: ["--notify-keyspace-events", "KA"])
        let redis = try await server.connect()
        try await redis.send("SET", "lock:{a}", "1700000000000-web-1-2-0badcafe", "PX", 60_000)
        let feed = LiveFeed(endpoint: server.endpoint, options: Self.notificationsOnly)
        feed.start()
        var updates = feed.updates.makeAsyncIterator()
        #expect(await updates.update { $0.isMode(.notifications) } != nil)
        #expect(await updates.snapshot { $0.contains("lock:{a}") } != nil)

        // A plain DEL publishes nothing on the release channel: only the keyspace event tells.
        try await redis.send("DEL", "lock:{a}")
        #expect(await updates.snapshot { !$0.contains("lock:{a}") } != nil)
        try await redis.send("SET", "lock:{b}", "x", "PX", 60_000)
        let events = await updates.update { if case .events(let lines) = $0 { lines.contains { $0.kind == .acquired } } else { false } }
        #expect(events != nil)
        feed.stop()
        await server.stop()
    }

    @Test(arguments: ServerSetup.all)
    func pollingCatchesAReleaseWhenNotificationsAreOff(on setup: ServerSetup) async throws {
        let server = try await setup.start()
        let redis = try await server.connect()
        let lease = try #require(try await DistributedLock(connection: redis, publishesReleases: false).tryAcquire("a", ttl: .seconds(60)))
        var options = FeedOptions()
        options.refreshInterval = .milliseconds(100)
        let feed = LiveFeed(endpoint: server.endpoint, options: options)
        feed.start()
        var updates = feed.updates.makeAsyncIterator()
        guard let reason = await updates.pollingReason() else { return }
        #expect(reason.contains("--enable-notifications"))
        #expect(await updates.snapshot { $0.contains("lock:{a}") } != nil)
        try await lease.release()
        #expect(await updates.snapshot { !$0.contains("lock:{a}") } != nil)
        feed.stop()
        await server.stop()
    }

    @Test func enableNotificationsTurnsThemOnButNeverInReadOnly() async throws {
        let server = try await RedisServer.start()
        let redis = try await server.connect()
        var readOnly = Self.notificationsOnly
        readOnly.enableNotifications = true
        readOnly.readOnly = true
        let refused = LiveFeed(endpoint: server.endpoint, options: readOnly)
        refused.start()
        var first = refused.updates.makeAsyncIterator()
        #expect(await first.update { if case .mode(.polling) = $0 { true } else { false } } != nil)
        refused.stop()
        #expect(try await redis.send("CONFIG", "GET", "notify-keyspace-events").array?.last?.string == "")

        var enabling = Self.notificationsOnly
        enabling.enableNotifications = true
        let feed = LiveFeed(endpoint: server.endpoint, options: enabling)
        feed.start()
        var updates = feed.updates.makeAsyncIterator()
        #expect(await updates.update { $0.isMode(.notifications) } != nil)
        #expect(KeyspaceEvents.covers(try await redis.send("CONFIG", "GET", "notify-keyspace-events").array?.last?.string ?? ""))
        feed.stop()
        await server.stop()
    }

    @Test func notificationsItTurnedOnAreTurnedOnAgainAfterARestart() async throws {
        let server = try await RedisServer.start()
        var options = Self.notificationsOnly
        options.enableNotifications = true
        let feed = LiveFeed(endpoint: server.endpoint, options: options)
        feed.start()
        var updates = feed.updates.makeAsyncIterator()
        #expect(await updates.update { $0.isMode(.notifications) } != nil)
        try await server.restart()
        // The restarted server forgot the setting; the feed notices the lost connection and sets it again.
        #expect(await updates.update { if case .connection(.reconnecting) = $0 { true } else { false } } != nil)
        #expect(await updates.update { $0.isMode(.notifications) } != nil)
        let flags = try await server.connect().send("CONFIG", "GET", "notify-keyspace-events").array?.last?.string ?? ""
        #expect(KeyspaceEvents.covers(flags))
        feed.stop()
        await server.stop()
    }

    @Test func aServerLostWhileOnlyNotificationsArriveShowsAsReconnectingAtOnce() async throws {
        let server = try await RedisServer.start(arguments: ["--notify-keyspace-events", "KA"])
        let feed = LiveFeed(endpoint: server.endpoint, options: Self.notificationsOnly)
        feed.start()
        var updates = feed.updates.makeAsyncIterator()
        #expect(await updates.snapshot { _ in true } != nil)
        await server.kill()
        // No poll and no rescan is due for an hour: only the subscriber's loss can tell.
        #expect(await updates.update { if case .connection(.reconnecting) = $0 { true } else { false } } != nil)
        feed.stop()
    }

    @Test func feedResumesAfterRedisRestarts() async throws {
        let server = try await RedisServer.start(arguments: ["--notify-keyspace-events", "KA"])
        let feed = LiveFeed(endpoint: server.endpoint, options: Self.notificationsOnly)
        feed.start()
        var updates = feed.updates.makeAsyncIterator()
        #expect(await updates.snapshot { _ in true } != nil)
        try await server.restart()
        try await server.connect().send("SET", "lock:{after}", "x", "PX", 60_000)
        // After the restart the subscriber resubscribes and the feed rescans: the new key appears.
        #expect(await updates.snapshot { $0.contains("lock:{after}") } != nil)
        feed.stop()
        await server.stop()
    }
}

extension FeedUpdate {
    func isMode(_ mode: FeedMode) -> Bool {
        if case .mode(let current) = self { return current == mode }
        return false
    }
}
