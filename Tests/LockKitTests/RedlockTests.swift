import LockKit
import RedisClient
import TestSupport
import Testing

@Suite struct RedlockTests {
    @Test(.serialized, arguments: ServerSetup.contention)
    func sixteenClientsOverThreeServersNeverOverlap(on setup: ServerSetup) async throws {
        let servers = try await setup.startMany(3)
        let total = try await counterAfterContention(on: servers[0], resource: "coupon:1", increments: contentionIncrements(setup)) { _, _ in
            // Mutual exclusion, not latency, is under test: a generous per-server bound keeps
            // a loaded machine from turning slow replies into needless retries.
            try await redlock(over: servers, perInstanceTimeout: .seconds(1), backoff: .fixed(.milliseconds(2)))
        }
        #expect(total == 16 * contentionIncrements(setup))
        await stopAll(servers)
    }

    @Test func acquiresWithTwoOfFiveServersKilled() async throws {
        let servers = try await RedisServer.startMany(5)
        let lock = try await redlock(over: servers)
        await servers[0].kill()
        await servers[1].kill()

        let lease = try await lock.acquire("r", ttl: .seconds(60), wait: .seconds(10))
        #expect(lease.isHeld)
        for server in servers[2...] {
            #expect(try await server.connect().send("GET", lease.key).string == lease.token.value)
        }
        #expect(try await lease.release())
        await stopAll(servers)
    }

    @Test func failsWithTypedErrorAndLeavesNoKeyWhenThreeOfFiveAreKilled() async throws {
        let servers = try await RedisServer.startMany(5)
        let lock = try await redlock(over: servers)
        for server in servers[..<3] { await server.kill() }

        let error = await #expect(throws: LockError.self) {
            _ = try await lock.acquire("r", ttl: .seconds(10), wait: .milliseconds(300))
        }
        guard case .quorumNotReached(let key, let locked, let needed)? = error else {
            Issue.record("expected quorumNotReached, got \(String(describing: error))")
            return
        }
        #expect(key == "lock:{r}")
        #expect(needed == 3)
        #expect(locked <= 2)
        for server in servers[3...] {
            #expect(try await server.connect().send("EXISTS", "lock:{r}").int == 0)
        }
        await stopAll(servers)
    }

    @Test func acquiresWhileOneOfFiveServersIsPaused() async throws {
        let servers = try await RedisServer.startMany(5)
        let lock = try await redlock(over: servers, perInstanceTimeout: .milliseconds(500))
        servers[0].pause()

        // A lease that outlives a stall of this machine: the subject is the paused server, not time.
        let lease = try await lock.acquire("r", ttl: .seconds(60), wait: .seconds(30))
        var holders = 0
        for server in servers[1...] {
            if try await server.connect().send("GET", lease.key).string == lease.token.value { holders += 1 }
        }
        #expect(holders >= lock.quorum)
        #expect(try await lease.release())

        servers[0].resume()
        await stopAll(servers)
    }

    @Test func extendNeedsAQuorum() async throws {
        let servers = try await RedisServer.startMany(5)
        let lock = try await redlock(over: servers)
        let lease = try await lock.acquire("r", ttl: .seconds(60), wait: .seconds(10))
        #expect(try await lease.extend(by: .seconds(5)))

        for server in servers[..<3] { await server.kill() }
        #expect(try await lease.extend(by: .seconds(5)) == false)
        #expect(lease.isHeld == false)
        guard case .lost(.renewalFailed) = lease.status else {
            Issue.record("expected renewal to have failed, got \(lease.status)")
            return
        }
        await stopAll(servers)
    }

    @Test(arguments: ServerSetup.all)
    func expiredLeaseCannotReleaseTheNewOwnersLock(on setup: ServerSetup) async throws {
        let servers = try await setup.startMany(3)
        let lock = try await redlock(over: servers)
        let stale = try #require(try await lock.tryAcquire("r", ttl: .seconds(10)))
        // Expire it for real (server-side) instead of sleeping past the TTL.
        for server in servers { try await server.connect().send("PEXPIRE", stale.key, 1) }
        var newOwner: LockLease?
        while newOwner == nil { newOwner = try await lock.tryAcquire("r", ttl: .seconds(10)) }
        let fresh = try #require(newOwner)

        #expect(try await stale.release() == false)
        // A server whose stale key had not expired yet may have refused the new owner: a quorum suffices.
        var holders = 0
        for server in servers {
            if try await server.connect().send("GET", fresh.key).string == fresh.token.value { holders += 1 }
        }
        #expect(holders >= lock.quorum)
        #expect(try await fresh.release())
        await stopAll(servers)
    }

    @Test func contendedAttemptReleasesWhatItTookOnEveryServer() async throws {
        let servers = try await RedisServer.startMany(3)
        let lock = try await redlock(over: servers)
        // Another owner holds a majority; our SET can only win on the third server.
        for server in servers[..<2] { try await server.connect().send("SET", "lock:{r}", "someone-else", "PX", 60_000) }

        #expect(try await lock.tryAcquire("r", ttl: .seconds(10)) == nil)
        #expect(try await servers[2].connect().send("EXISTS", "lock:{r}").int == 0)
        for server in servers[..<2] {
            #expect(try await server.connect().send("GET", "lock:{r}").string == "someone-else")
        }
        await stopAll(servers)
    }

    @Test func rejectsNoServersAndTheSameConnectionTwice() async throws {
        let server = try await RedisServer.start()
        let connection = try await server.connect()
        await #expect(throws: LockError.self) { _ = try await Redlock(connections: []).tryAcquire("r", ttl: .seconds(1)) }
        await #expect(throws: LockError.self) {
            _ = try await Redlock(connections: [connection, connection]).tryAcquire("r", ttl: .seconds(1))
        }
        await server.stop()
    }
}

/// A Redlock over its own connection to each server. Commands fail fast (one connect
/// attempt, short timeout) so calls left running on a dead or paused server end soon.
private func redlock(
    over servers: [RedisServer],
    perInstanceTimeout: Duration = .seconds(1),
    backoff: Backoff = .fixed(.milliseconds(10))
) async throws -> Redlock {
    var connections: [RedisConnection] = []
    for server in servers {
        connections.append(try await server.connect(commandTimeout: .milliseconds(500), reconnect: ReconnectPolicy(attemptsPerCommand: 1)))
    }
    return Redlock(connections: connections, backoff: backoff, perInstanceTimeout: perInstanceTimeout)
}

private func stopAll(_ servers: [RedisServer]) async {
    for server in servers { await server.stop() }
}
