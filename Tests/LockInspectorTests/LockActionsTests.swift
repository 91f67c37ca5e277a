import Foundation
import LockInspector
import LockKit
import RedisClient
import TestSupport
import Testing

@Suite struct LockActionsTests {
    /// 10,000 trials on Redis with Lua; 2,000 on the other setups in `make test`
    /// (`LOCKTOP_RACE_TRIALS=10000` for the README's figure).
    static func operatorTrials(_ setup: ServerSetup) -> Int {
        setup == .redis ? 10_000 : ProcessInfo.processInfo.environment["LOCKTOP_RACE_TRIALS"].flatMap { Int($0) } ?? 2_000
    }

    @Test(.serialized, arguments: ServerSetup.all)
    func forceReleaseNeverDeletesALockReacquiredSinceTheOperatorLooked(on setup: ServerSetup) async throws {
        let trials = Self.operatorTrials(setup)
        let server = try await setup.start()
        let operatorConnection = try await server.connect()
        let owners = try await server.connect()
        let actions = LockActions(connection: operatorConnection, readOnly: false)
        let key = Array("lock:{race}".utf8)
        var ownerChanged = 0
        for trial in 0..<trials {
            try await owners.send("SET", key, "first-\(trial)", "PX", 60_000)
            let seen = try #require(try await operatorConnection.send("GET", key).bytes)
            // Between looking and acting, the lock expires and someone else takes it.
            try await owners.send("SET", key, "second-\(trial)", "PX", 60_000)
            if await actions.forceRelease(key: key, token: seen) == .ownerChanged { ownerChanged += 1 }
            guard try await owners.send("GET", key).string == "second-\(trial)" else {
                Issue.record("trial \(trial): the new owner's lock was touched")
                break
            }
        }
        #expect(ownerChanged == trials)
        await server.stop()
    }

    @Test(arguments: ServerSetup.all)
    func forceReleaseOfTheLockTheOperatorSawPublishesTheRelease(on setup: ServerSetup) async throws {
        let server = try await setup.start()
        let redis = try await server.connect()
        let subscriber = try Subscriber(endpoint: server.endpoint)
        try await subscriber.subscribe(["lock:channel:{a}"])
        try await redis.send("SET", "lock:{a}", "tok", "PX", 60_000)
        let actions = LockActions(connection: redis, readOnly: false)
        #expect(await actions.forceRelease(key: Array("lock:{a}".utf8), token: Array("tok".utf8), releaseChannel: "lock:channel:{a}") == .done)
        #expect(try await redis.send("EXISTS", "lock:{a}") == .integer(0))
        for await event in subscriber.events {
            if case .message(let message) = event { #expect(message.payloadText == "released"); break }
        }
        #expect(await actions.forceRelease(key: Array("lock:{a}".utf8), token: Array("tok".utf8)) == .keyGone)
        subscriber.stop()
        await server.stop()
    }

    @Test(arguments: ServerSetup.all)
    func extendAddsToTheTTLOnlyForTheOwnerSeen(on setup: ServerSetup) async throws {
        let server = try await setup.start()
        let redis = try await server.connect()
        // A TTL that outlives a stall of this machine; more than it after the extend is the extend.
        try await redis.send("SET", "lock:{a}", "tok", "PX", 30_000)
        let actions = LockActions(connection: redis, readOnly: false)
        #expect(await actions.extend(key: Array("lock:{a}".utf8), token: Array("tok".utf8), by: .seconds(50)) == .done)
        #expect(try await redis.send("PTTL", "lock:{a}").int ?? 0 > 30_000)
        #expect(await actions.extend(key: Array("lock:{a}".utf8), token: Array("other".utf8), by: .seconds(50)) == .ownerChanged)
        #expect(await actions.extend(key: Array("lock:{gone}".utf8), token: Array("tok".utf8), by: .seconds(50)) == .keyGone)
        await server.stop()
    }

    static func queue(_ name: String, family: LockFamily) -> QueueEntity {
        // The support keys as the recogniser fills them from the layout.
        let deadlines = KeySchema.place(of: name).map { Array($0.schema.queueDeadlines($0.resource).utf8) }
        return QueueEntity(key: Array(name.utf8), resource: "a", family: family, waiters: [], count: 2,
                           supportKeys: QueueSupportKeys(deadlines: deadlines))
    }

    @Test(arguments: ServerSetup.all)
    func removesADeadWaiterAndItsHeartbeat(on setup: ServerSetup) async throws {
        let server = try await setup.start()
        let redis = try await server.connect()
        try await redis.send("ZADD", "lock:queue:{a}", 1, "dead", 2, "alive")
        try await redis.send("ZADD", "lock:queue:deadlines:{a}", 1, "dead", 2, "alive")
        let actions = LockActions(connection: redis, readOnly: false)
        let queue = Self.queue("lock:queue:{a}", family: .locktop)
        #expect(await actions.removeWaiter(queue: queue, member: Array("dead".utf8)) == .done)
        #expect(try await redis.send("ZRANGE", "lock:queue:{a}", 0, -1) == .array([.bulk(Array("alive".utf8))]))
        #expect(try await redis.send("ZRANGE", "lock:queue:deadlines:{a}", 0, -1) == .array([.bulk(Array("alive".utf8))]))
        #expect(await actions.removeWaiter(queue: queue, member: Array("dead".utf8)) == .keyGone)
        await server.stop()
    }

    @Test(arguments: ServerSetup.all)
    func refusesToEditAnotherLibrarysQueueOrANonStringLock(on setup: ServerSetup) async throws {
        let server = try await setup.start()
        let redis = try await server.connect()
        try await redis.send("ZADD", "redisson_lock_timeout:{a}", 1, "w")
        let actions = LockActions(connection: redis, readOnly: false)
        let outcome = await actions.removeWaiter(queue: Self.queue("redisson_lock_timeout:{a}", family: .redisson), member: Array("w".utf8))
        guard case .unsupported = outcome else { Issue.record("expected unsupported, got \(outcome)"); return }
        #expect(try await redis.send("ZCARD", "redisson_lock_timeout:{a}") == .integer(1))
        try await redis.send("HSET", "myLock", "uuid:1", 1)
        let release = await actions.forceRelease(key: Array("myLock".utf8), token: Array("uuid:1".utf8))
        guard case .unsupported = release else { Issue.record("expected unsupported, got \(release)"); return }
        await server.stop()
    }
}
