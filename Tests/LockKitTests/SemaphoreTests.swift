import LockKit
import RedisClient
import TestSupport
import Testing

@Suite struct SemaphoreTests {
    private let key = KeySchema.default.semaphore("pool")

    @Test(arguments: ServerSetup.bothKinds)
    func nPermitsAreHeldAtOnceAndTheNextComesWhenOneIsGivenBack(on setup: ServerSetup) async throws {
        let server = try await setup.start()
        let redis = try await server.connect()
        let hub = try ReleaseNotifications(endpoint: server.endpoint)
        let semaphore = Semaphore(connection: try await server.connect(), notifications: hub, permits: 3)
        var leases: [LockLease] = []
        for _ in 0..<3 { leases.append(try #require(try await semaphore.tryAcquire("pool", ttl: .seconds(30)))) }
        #expect(Set(leases.map(\.token)).count == 3)
        #expect(try await semaphore.tryAcquire("pool", ttl: .seconds(30)) == nil)
        #expect(Set(try await members(of: key, on: redis)) == Set(leases.map(\.token.value) + ["limit:3"]))

        #expect(try await leases[0].release())
        let fourth = try #require(try await semaphore.tryAcquire("pool", ttl: .seconds(30)))
        for lease in [leases[1], leases[2], fourth] { #expect(try await lease.release()) }
        // The semaphore lives in Redis while permits are held, and goes with the last one.
        #expect(try await redis.send("EXISTS", key).int == 0)
        hub.stop()
        await server.stop()
    }

    /// Every client counts against the N the first holder recorded, whatever its own `permits`.
    @Test func theRecordedCountWinsOverAClientsOwn() async throws {
        let server = try await RedisServer.start()
        let hub = try ReleaseNotifications(endpoint: server.endpoint)
        let strict = Semaphore(connection: try await server.connect(), notifications: hub, permits: 1)
        let generous = Semaphore(connection: try await server.connect(), notifications: hub, permits: 5)
        let held = try #require(try await strict.tryAcquire("pool", ttl: .seconds(30)))
        #expect(try await generous.tryAcquire("pool", ttl: .seconds(30)) == nil)
        #expect(try await held.release())
        hub.stop()
        await server.stop()
    }

    /// A semaphore of one permit, held, and a waiter on it that listens; its safety timer and
    /// the holder's TTL outlast the test, so only a message can wake it.
    private func heldWithAListeningWaiter(_ server: RedisServer, _ hub: ReleaseNotifications) async throws
        -> (semaphore: Semaphore, held: LockLease, waiting: Task<LockLease, any Error>) {
        let semaphore = Semaphore(connection: try await server.connect(), notifications: hub, permits: 1)
        let held = try #require(try await semaphore.tryAcquire("pool", ttl: .seconds(60)))
        let patient = Semaphore(connection: try await server.connect(), notifications: hub, permits: 1, safetyInterval: .seconds(60))
        let waiting = Task { try await patient.acquire("pool", ttl: .seconds(30), wait: .seconds(120)) }
        try await ConditionPoll.until("the waiter listens") {
            hub.listeningWaiters(on: KeySchema.default.semaphoreChannel("pool")) == 1
        }
        return (semaphore, held, waiting)
    }

    @Test func aWaiterIsWokenByARelease() async throws {
        let server = try await RedisServer.start()
        let hub = try ReleaseNotifications(endpoint: server.endpoint)
        let (_, held, waiting) = try await heldWithAListeningWaiter(server, hub)
        #expect(try await held.release())
        let lease = try await waiting.value
        #expect(try await lease.release())
        hub.stop()
        await server.stop()
    }

    /// Lowering N takes no permit away: holders above it keep theirs (and renew them), and
    /// nobody new gets in until the holders are below the new N.
    @Test func loweringThePermitsLetsHoldersKeepTheirsUntilRelease() async throws {
        let server = try await RedisServer.start()
        let redis = try await server.connect()
        let hub = try ReleaseNotifications(endpoint: server.endpoint)
        let semaphore = Semaphore(connection: try await server.connect(), notifications: hub, permits: 3)
        var leases: [LockLease] = []
        for _ in 0..<3 { leases.append(try #require(try await semaphore.tryAcquire("pool", ttl: .seconds(30)))) }
        #expect(try await semaphore.setPermits(1, for: "pool"))
        #expect(try await members(of: key, on: redis).contains("limit:1"))
        for lease in leases { #expect(try await lease.renew(to: .seconds(30))) }
        #expect(try await leases[0].release())
        #expect(try await leases[1].release())
        #expect(try await semaphore.tryAcquire("pool", ttl: .seconds(30)) == nil)
        #expect(try await leases[2].release())
        let next = try #require(try await semaphore.tryAcquire("pool", ttl: .seconds(30)))
        #expect(try await next.release())
        hub.stop()
        await server.stop()
    }

    @Test func raisingThePermitsWakesAWaiter() async throws {
        let server = try await RedisServer.start()
        let hub = try ReleaseNotifications(endpoint: server.endpoint)
        let (semaphore, held, waiting) = try await heldWithAListeningWaiter(server, hub)
        #expect(try await semaphore.setPermits(2, for: "pool"))
        let second = try await waiting.value
        #expect(try await second.release())
        #expect(try await held.release())
        #expect(try await semaphore.setPermits(2, for: "pool") == false)
        hub.stop()
        await server.stop()
    }

    @Test func releaseAndExtendCompareTheToken() async throws {
        let server = try await RedisServer.start()
        let redis = try await server.connect()
        let hub = try ReleaseNotifications(endpoint: server.endpoint)
        let semaphore = Semaphore(connection: try await server.connect(), notifications: hub, permits: 2)
        let lease = try #require(try await semaphore.tryAcquire("pool", ttl: .seconds(30)))
        #expect(try await semaphore.forceRelease("pool", ifHeldBy: OwnerToken.generate()) == false)
        #expect(try await lease.extend(by: .seconds(60)))
        #expect(try await redis.send("PTTL", key).int ?? 0 > 60_000)
        #expect(try await semaphore.forceRelease("pool", ifHeldBy: lease.token))
        #expect(try await lease.extend(by: .seconds(1)) == false)
        hub.stop()
        await server.stop()
    }

    /// A count that is not a number (written by someone else) is replaced, not trusted.
    @Test func aBrokenRecordedCountIsReplacedByTheClientsOwn() async throws {
        let server = try await RedisServer.start()
        let redis = try await server.connect()
        let hub = try ReleaseNotifications(endpoint: server.endpoint)
        try await redis.send("ZADD", key, "+inf", "limit:\u{1b}[2Jmany")
        let semaphore = Semaphore(connection: try await server.connect(), notifications: hub, permits: 1)
        let lease = try #require(try await semaphore.tryAcquire("pool", ttl: .seconds(30)))
        #expect(Set(try await members(of: key, on: redis)) == [lease.token.value, "limit:1"])
        #expect(try await semaphore.tryAcquire("pool", ttl: .seconds(30)) == nil)
        #expect(try await lease.release())
        hub.stop()
        await server.stop()
    }

    /// 16 clients, 4 permits: never more than 4 inside at once.
    @Test func sixteenClientsNeverHoldMoreThanThePermits() async throws {
        let server = try await RedisServer.start()
        let hub = try ReleaseNotifications(endpoint: server.endpoint)
        let check = OccupancyCheck(limit: 4)
        let rounds = contentionIncrements(.redis)
        try await withThrowingTaskGroup(of: Void.self) { group in
            for _ in 0..<16 {
                let connection = try await server.connect()
                let semaphore = Semaphore(connection: connection, notifications: hub, permits: 4)
                group.addTask {
                    for _ in 0..<rounds {
                        try await semaphore.withPermit("pool", ttl: .seconds(30), wait: .seconds(120)) { _ in
                            check.enter(.read)
                            _ = try await connection.send("PING")
                            check.leave(.read)
                        }
                    }
                }
            }
            try await group.waitForAll()
        }
        #expect(check.violations == 0)
        #expect(check.mostAtOnce <= 4)
        #expect(try await server.connect().send("EXISTS", key).int == 0)
        #expect(hub.registeredWaiters == 0)
        hub.stop()
        await server.stop()
    }

    /// A holder SIGKILLed mid-section: its permit comes back when its lease ends.
    @Test func aKilledHoldersPermitComesBackAfterItsLease() async throws {
        let server = try await RedisServer.start()
        guard case .tcp(let host, let port) = server.endpoint.address else { return }
        let redis = try await server.connect()
        let hub = try ReleaseNotifications(endpoint: server.endpoint)
        let agent = try AgentProcess.start(["hold", "--url", "redis://\(host):\(port)", "--resource", "pool",
                                            "--kind", "permit", "--permits", "1", "--ttl-ms", "2000"])
        // Its lease may have ended already on a stalled machine; either way the permit must come back.
        _ = try await agent.readLine(startingWith: "held ")
        _ = await agent.kill()

        let semaphore = Semaphore(connection: try await server.connect(), notifications: hub, permits: 1)
        let lease = try await semaphore.acquire("pool", ttl: .seconds(30), wait: .seconds(60))
        #expect(Set(try await members(of: key, on: redis)) == [lease.token.value, "limit:1"])
        #expect(try await lease.release())
        hub.stop()
        await server.stop()
    }

    @Test func aServerRefusingLuaGetsATypedRefusal() async throws {
        let server = try await ServerSetup.redisWithoutLua.start()
        let hub = try ReleaseNotifications(endpoint: server.endpoint)
        let semaphore = Semaphore(connection: try await server.connect(), notifications: hub, permits: 2)
        await #expect(throws: LockError.scriptingRefused(pattern: "Semaphore", endpoint: server.endpoint.description)) {
            _ = try await semaphore.tryAcquire("pool", ttl: .seconds(1))
        }
        hub.stop()
        await server.stop()
    }
}

/// Executor hops of an uncontended pair: each is a job on the connection's thread, a large
/// share of a pair that costs two round trips.
@Suite struct SharedLockHopTests {
    @Test func aReadPairAndAPermitPairHopNoMoreThanAPlainLocksPair() async throws {
        let server = try await RedisServer.start()
        let connection = try await server.connect()
        let hub = try ReleaseNotifications(endpoint: server.endpoint)
        let reading = ReadWriteLock(connection: connection, notifications: hub).read
        let permits = Semaphore(connection: connection, notifications: hub, permits: 2)
        // Called on the concrete types, inline, as the DistributedLock hop test does.
        let readHops = try await withTaskExecutorPreference(connection.executor) {
            _ = try await reading.tryAcquire("warm-up", ttl: .seconds(10))?.release()  // loads the scripts
            let before = connection.executor.jobsEnqueued
            let lease = try #require(try await reading.tryAcquire("r", ttl: .seconds(10)))
            #expect(try await lease.release())
            return connection.executor.jobsEnqueued - before
        }
        let permitHops = try await withTaskExecutorPreference(connection.executor) {
            _ = try await permits.tryAcquire("warm-up", ttl: .seconds(10))?.release()
            let before = connection.executor.jobsEnqueued
            let lease = try #require(try await permits.tryAcquire("r", ttl: .seconds(10)))
            #expect(try await lease.release())
            return connection.executor.jobsEnqueued - before
        }
        #expect(readHops <= 2, "read pair: \(readHops) hops")
        #expect(permitHops <= 2, "permit pair: \(permitHops) hops")
        hub.stop()
        await server.stop()
    }
}
