import LockKit
import RedisClient
import TestSupport
import Testing

@Suite struct SimpleLockTests {
    @Test(.serialized, arguments: ServerSetup.contention)
    func sixteenClientsNeverOverlap(on setup: ServerSetup) async throws {
        let server = try await setup.start()
        let total = try await counterAfterContention(on: server, resource: "file:7", increments: contentionIncrements(setup)) { _, connection in
            SimpleLock(connection: connection, backoff: .fixed(.milliseconds(2)))
        }
        #expect(total == 16 * contentionIncrements(setup))
        await server.stop()
    }

    @Test func storesAnOwnerTokenWithASecondsTTL() async throws {
        let server = try await RedisServer.start()
        let redis = try await server.connect()
        let lock = SimpleLock(connection: redis)
        let lease = try #require(try await lock.tryAcquire("file:7", ttl: .milliseconds(10_500)))
        #expect(try await redis.send("GET", lease.key).string == lease.token.value)
        #expect(lease.token.parts != nil)
        // 10.5 s rounds up to EX 11: the lease says so, and the server's TTL is within it.
        #expect(lease.validUntil - lease.acquiredAt == .seconds(11))
        let ttl = try await redis.send("TTL", lease.key).int ?? 0
        #expect(ttl > 0 && ttl <= 11)
        #expect(try await lock.isLocked("file:7"))
        #expect(try await lease.release())
        #expect(try await lock.isLocked("file:7") == false)
        await server.stop()
    }

    @Test(arguments: ServerSetup.all)
    func cannotReleaseOrExtendAnotherOwnersLock(on setup: ServerSetup) async throws {
        let server = try await setup.start()
        let redis = try await server.connect()
        let lock = SimpleLock(connection: redis)
        let stale = try #require(try await lock.tryAcquire("f", ttl: .seconds(10)))
        try await redis.send("DEL", stale.key)
        let fresh = try #require(try await lock.tryAcquire("f", ttl: .seconds(10)))
        #expect(try await stale.extend(by: .seconds(10)) == false)
        #expect(try await stale.release() == false)
        #expect(try await redis.send("GET", fresh.key).string == fresh.token.value)
        await server.stop()
    }
}
