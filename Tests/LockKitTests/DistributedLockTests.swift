import Foundation
import LockKit
import RedisClient
import TestSupport
import Testing

@Suite struct DistributedLockTests {
    @Test(.serialized, arguments: ServerSetup.all)
    func sixteenClientsNeverOverlap(on setup: ServerSetup) async throws {
        let server = try await setup.start()
        let total = try await counterAfterContention(on: server, resource: "coupon:1", increments: contentionIncrements(setup)) { _, connection in
            DistributedLock(connection: connection, backoff: .fixed(.milliseconds(2)))
        }
        #expect(total == 16 * contentionIncrements(setup))
        await server.stop()
    }

    @Test func secondAcquireFailsUntilRelease() async throws {
        let server = try await RedisServer.start()
        let lock = DistributedLock(connection: try await server.connect())
        let lease = try #require(try await lock.tryAcquire("r", ttl: .seconds(10)))
        #expect(try await lock.tryAcquire("r", ttl: .seconds(10)) == nil)
        #expect(try await lock.owner("r") == lease.token)
        #expect(try await lease.release())
        #expect(lease.status == .released)
        #expect(try await lock.tryAcquire("r", ttl: .seconds(10)) != nil)
        await server.stop()
    }

    /// LockKit's layers run on their caller's executor (nonisolated(nonsending)): on the
    /// connection's thread an acquire-release pair costs one hop per command, where every
    /// layer used to add two (nine for the pair), and the release through `LockLease` one
    /// more (three) until it stopped calling the plain lock through the protocol witness.
    @Test func acquireAndReleaseAddNoHopsOfTheirOwn() async throws {
        let server = try await RedisServer.start()
        let connection = try await server.connect()
        let lock = DistributedLock(connection: connection)
        let hops = try await withTaskExecutorPreference(connection.executor) {
            _ = try await lock.tryAcquire("warm-up", ttl: .seconds(10))?.release()  // loads the release script
            let before = connection.executor.jobsEnqueued
            let lease = try #require(try await lock.tryAcquire("r", ttl: .seconds(10)))
            #expect(try await lease.release())
            return connection.executor.jobsEnqueued - before
        }
        #expect(hops <= 2)
        await server.stop()
    }

    @Test(arguments: ServerSetup.all)
    func expiredLeaseCannotReleaseOrExtendTheNewOwnersLock(on setup: ServerSetup) async throws {
        let server = try await setup.start()
        let redis = try await server.connect()
        let lock = DistributedLock(connection: redis)
        let stale = try #require(try await lock.tryAcquire("r", ttl: .seconds(10)))
        // Expire it for real (server-side) instead of sleeping past the TTL.
        try await redis.send("PEXPIRE", stale.key, 1)
        var newOwner: LockLease?
        while newOwner == nil { newOwner = try await lock.tryAcquire("r", ttl: .seconds(10)) }
        let fresh = try #require(newOwner)

        #expect(try await stale.extend(by: .seconds(5)) == false)
        #expect(stale.status == .lost(.ownerChanged))
        #expect(try await stale.release() == false)
        #expect(try await lock.owner("r") == fresh.token)
        #expect(try await fresh.release())
        await server.stop()
    }

    @Test(arguments: ServerSetup.all)
    func extendAddsToTheRemainingTTL(on setup: ServerSetup) async throws {
        let server = try await setup.start()
        let redis = try await server.connect()
        let lock = DistributedLock(connection: redis)
        let lease = try #require(try await lock.tryAcquire("r", ttl: .seconds(10)))
        #expect(try await lease.extend(by: .seconds(100)))
        let pttl = try await redis.send("PTTL", lease.key).int ?? 0
        #expect(pttl > 100_000 && pttl <= 110_000)
        #expect(try await lease.renew(to: .seconds(3)))
        #expect(try await redis.send("PTTL", lease.key).int ?? 0 <= 3_000)
        await server.stop()
    }

    @Test func ownerTokenCarriesHostPidAndTime() async throws {
        let token = OwnerToken.generate(host: "web-01.prod", pid: 4242, now: Date(timeIntervalSince1970: 1_700_000_000.123))
        let parts = try #require(token.parts)
        #expect(parts.host == "web-01.prod")
        #expect(parts.pid == 4242)
        #expect(abs(parts.acquiredAt.timeIntervalSince1970 - 1_700_000_000.123) < 0.001)
        #expect(OwnerToken(value: "locked").parts == nil)
        #expect(OwnerToken.generate() != OwnerToken.generate())
    }

    @Test func withLockReleasesWhenTheBodyThrows() async throws {
        struct Boom: Error {}
        let server = try await RedisServer.start()
        let lock = DistributedLock(connection: try await server.connect())
        await #expect(throws: Boom.self) {
            try await lock.withLock("r", ttl: .seconds(10), wait: .zero) { _ in throw Boom() }
        }
        #expect(try await lock.isLocked("r") == false)
        await server.stop()
    }

    @Test func waitTimesOutWithTypedError() async throws {
        let server = try await RedisServer.start()
        let lock = DistributedLock(connection: try await server.connect())
        _ = try #require(try await lock.tryAcquire("r", ttl: .seconds(30)))
        await #expect(throws: LockError.timeout(key: "lock:{r}", waited: .milliseconds(100))) {
            _ = try await lock.acquire("r", ttl: .seconds(1), wait: .milliseconds(100))
        }
        await server.stop()
    }

    @Test func releasePublishesOnTheReleaseChannel() async throws {
        let server = try await RedisServer.start()
        let subscriber = try Subscriber(endpoint: server.endpoint)
        try await subscriber.subscribe([KeySchema.default.releaseChannel("r")])
        let lock = DistributedLock(connection: try await server.connect())
        try await #require(try await lock.tryAcquire("r", ttl: .seconds(10))).release()
        for await event in subscriber.events {
            if case .message(let message) = event {
                #expect(message.channelName == "lock:channel:{r}")
                #expect(message.payloadText == "released")
                break
            }
        }
        subscriber.stop()
        await server.stop()
    }

    @Test func zeroTTLIsRejected() async throws {
        let server = try await RedisServer.start()
        let lock = DistributedLock(connection: try await server.connect())
        await #expect(throws: LockError.self) { _ = try await lock.tryAcquire("r", ttl: .zero) }
        await server.stop()
    }
}
