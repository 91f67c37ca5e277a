import LockKit
import RedisClient
import TestSupport
import Synchronization
import Testing

@Suite struct ReadWriteLockTests {
    private let key = KeySchema.default.readWriteLock("doc")

    @Test(arguments: ServerSetup.bothKinds)
    func readersShareAndAWriterExcludesThem(on setup: ServerSetup) async throws {
        let server = try await setup.start()
        let redis = try await server.connect()
        let hub = try ReleaseNotifications(endpoint: server.endpoint)
        let lock = ReadWriteLock(connection: try await server.connect(), notifications: hub)
        let first = try #require(try await lock.read.tryAcquire("doc", ttl: .seconds(30)))
        let second = try #require(try await lock.read.tryAcquire("doc", ttl: .seconds(30)))
        #expect(first.token != second.token)
        #expect(try await lock.write.tryAcquire("doc", ttl: .seconds(30)) == nil)
        // A writer that only tried is not left waiting (it would keep readers out).
        #expect(try await members(of: key, on: redis).allSatisfy { $0.hasPrefix("read:") })

        #expect(try await first.release())
        #expect(try await second.release())
        #expect(try await redis.send("EXISTS", key).int == 0)
        let writer = try #require(try await lock.write.tryAcquire("doc", ttl: .seconds(30)))
        #expect(try await lock.read.tryAcquire("doc", ttl: .seconds(30)) == nil)
        #expect(try await lock.write.tryAcquire("doc", ttl: .seconds(30)) == nil)
        #expect(try await members(of: key, on: redis) == ["write:" + writer.token.value])
        #expect(try await writer.release())
        hub.stop()
        await server.stop()
    }

    /// Writer preference: once a writer waits, new readers wait behind it, and the last reader's
    /// release hands the lock to that writer by name (its safety timer is longer than the test).
    @Test func aWaitingWriterKeepsNewReadersOutAndIsWokenByTheLastReader() async throws {
        let server = try await RedisServer.start()
        let redis = try await server.connect()
        let hub = try ReleaseNotifications(endpoint: server.endpoint)
        let lock = ReadWriteLock(connection: try await server.connect(), notifications: hub)
        let reader = try #require(try await lock.read.tryAcquire("doc", ttl: .seconds(60)))
        var patient = ReadWriteLock(connection: try await server.connect(), notifications: hub)
        patient.safetyInterval = .seconds(60)
        let waitingWriter = Task { try await patient.write.acquire("doc", ttl: .seconds(30), wait: .seconds(120)) }
        try await ConditionPoll.until("the writer waits and listens") {
            try await members(of: key, on: redis).contains { $0.hasPrefix("wait:") }
                && hub.listeningWaiters(on: KeySchema.default.readWriteChannel("doc")) == 1
        }
        #expect(try await lock.read.tryAcquire("doc", ttl: .seconds(30)) == nil)

        #expect(try await reader.release())
        let writer = try await waitingWriter.value
        #expect(try await members(of: key, on: redis) == ["write:" + writer.token.value])
        #expect(try await writer.release())
        hub.stop()
        await server.stop()
    }

    /// A writer's release wakes every waiting reader at once (they are all let in together).
    @Test func aWritersReleaseLetsEveryWaitingReaderIn() async throws {
        let server = try await RedisServer.start()
        let redis = try await server.connect()
        let hub = try ReleaseNotifications(endpoint: server.endpoint)
        let lock = ReadWriteLock(connection: try await server.connect(), notifications: hub)
        let writer = try #require(try await lock.write.tryAcquire("doc", ttl: .seconds(60)))
        var readers: [Task<LockLease, any Error>] = []
        for _ in 0..<3 {
            var patient = ReadWriteLock(connection: try await server.connect(), notifications: hub)
            patient.safetyInterval = .seconds(60)
            readers.append(Task { [patient] in try await patient.read.acquire("doc", ttl: .seconds(30), wait: .seconds(120)) })
        }
        try await ConditionPoll.until("three readers listen") {
            hub.listeningWaiters(on: KeySchema.default.readWriteChannel("doc")) == 3
        }
        #expect(try await writer.release())
        var leases: [LockLease] = []
        for reader in readers { leases.append(try await reader.value) }
        #expect(Set(try await members(of: key, on: redis)) == Set(leases.map { "read:" + $0.token.value }))
        for lease in leases { #expect(try await lease.release()) }
        hub.stop()
        await server.stop()
    }

    /// Each reader's hold ends with its own lease: a short-lived reader stops counting while a
    /// long-lived one stays (a writer's attempt then drops its entry), and the key lives as
    /// long as the longest lease.
    @Test func aReaderIsDroppedWhenItsOwnLeaseEnds() async throws {
        let server = try await RedisServer.start()
        let redis = try await server.connect()
        let hub = try ReleaseNotifications(endpoint: server.endpoint)
        let lock = ReadWriteLock(connection: try await server.connect(), notifications: hub)
        let brief = try #require(try await lock.read.tryAcquire("doc", ttl: .milliseconds(50)))
        let lasting = try #require(try await lock.read.tryAcquire("doc", ttl: .seconds(60)))
        // A writer's attempt drops ended leases; the brief one's end is the event waited for.
        try await ConditionPoll.until("the brief reader's lease ends") {
            #expect(try await lock.write.tryAcquire("doc", ttl: .seconds(60)) == nil, "the lasting reader still holds")
            return try await !members(of: key, on: redis).contains("read:" + brief.token.value)
        }
        #expect(try await members(of: key, on: redis) == ["read:" + lasting.token.value])
        #expect(try await redis.send("PTTL", key).int ?? 0 > 30_000)
        #expect(try await brief.release() == false)
        #expect(try await lasting.release())
        hub.stop()
        await server.stop()
    }

    @Test func releaseRenewAndExtendCompareTheHoldersToken() async throws {
        let server = try await RedisServer.start()
        let redis = try await server.connect()
        let hub = try ReleaseNotifications(endpoint: server.endpoint)
        let lock = ReadWriteLock(connection: try await server.connect(), notifications: hub)
        // Leases that outlive any stall of this machine: the subject is the token check, not time.
        let reader = try #require(try await lock.read.tryAcquire("doc", ttl: .seconds(30)))
        #expect(try await lock.forceRelease("doc", mode: .read, ifHeldBy: OwnerToken.generate()) == false)
        #expect(try await lock.forceRelease("doc", mode: .write, ifHeldBy: reader.token) == false)
        #expect(try await reader.extend(by: .seconds(60)))
        #expect(try await redis.send("PTTL", key).int ?? 0 > 60_000)
        #expect(try await reader.renew(to: .seconds(20)))
        #expect((10_000...20_000).contains(try await redis.send("PTTL", key).int ?? 0))
        #expect(try await lock.forceRelease("doc", mode: .read, ifHeldBy: reader.token))
        #expect(try await reader.renew(to: .seconds(20)) == false)
        #expect(reader.status == .lost(.ownerChanged))
        hub.stop()
        await server.stop()
    }

    @Test func aWatchdogKeepsAReadHoldAlive() async throws {
        let server = try await RedisServer.start()
        let redis = try await server.connect()
        let hub = try ReleaseNotifications(endpoint: server.endpoint)
        let lock = ReadWriteLock(connection: try await server.connect(), notifications: hub)
        let reader = try #require(try await lock.read.tryAcquire("doc", ttl: .seconds(10)))
        let before = try await redis.send("ZSCORE", key, "read:" + reader.token.value).string.flatMap(Double.init) ?? 0
        let watchdog = LockWatchdog(lease: reader, ttl: .seconds(30), interval: .milliseconds(10))
        try await ConditionPoll.until("the watchdog renews the read hold") {
            try await redis.send("ZSCORE", key, "read:" + reader.token.value).string.flatMap(Double.init) ?? 0 > before + 10_000
        }
        #expect(try await reader.release())
        await watchdog.finished()
        hub.stop()
        await server.stop()
    }

    /// 16 clients, writers doing read-modify-write increments and readers reading, each on
    /// its own connection: no reader beside a writer, no two writers, and no lost increment.
    @Test func sixteenClientsMixingReadsAndWritesNeverOverlapWrongly() async throws {
        let server = try await RedisServer.start()
        let hub = try ReleaseNotifications(endpoint: server.endpoint)
        let check = OccupancyCheck()
        let rounds = contentionIncrements(.redis)
        let counter = "counter:{doc}"
        try await withThrowingTaskGroup(of: Void.self) { group in
            for client in 0..<16 {
                let connection = try await server.connect()
                let lock = ReadWriteLock(connection: connection, notifications: hub)
                group.addTask {
                    for round in 0..<rounds {
                        let mode: ReadWriteLock.Mode = (client + round) % 4 == 0 ? .write : .read
                        try await lock.withLock("doc", mode: mode, ttl: .seconds(30), wait: .seconds(120)) { _ in
                            check.enter(mode)
                            let current = try await connection.send("GET", counter).int ?? 0
                            if mode == .write { try await connection.send("SET", counter, current + 1) }
                            check.leave(mode)
                        }
                    }
                }
            }
            try await group.waitForAll()
        }
        let writes = (0..<16).reduce(0) { total, client in total + (0..<rounds).filter { (client + $0) % 4 == 0 }.count }
        #expect(check.violations == 0)
        #expect(try await server.connect().send("GET", counter).int == writes)
        #expect(hub.registeredWaiters == 0)
        hub.stop()
        await server.stop()
    }

    /// A flood of readers that always has one holding (four, staggered, each re-entering at
    /// once) would starve a writer that waits for no reader at all; writer preference lets it
    /// in while the flood goes on.
    @Test func aWriterGetsInDuringAReaderFlood() async throws {
        let server = try await RedisServer.start()
        let hub = try ReleaseNotifications(endpoint: server.endpoint)
        let flood = FloodState()
        let readers = Task {
            try await withThrowingTaskGroup(of: Void.self) { group in
                for index in 0..<4 {
                    let lock = ReadWriteLock(connection: try await server.connect(), notifications: hub)
                    group.addTask {
                        try await Task.sleep(for: .milliseconds(5 * index))
                        while flood.isFlooding {
                            try await lock.withLock("doc", mode: .read, ttl: .seconds(60), wait: .seconds(120)) { _ in
                                flood.readerEntered()
                                try await Task.sleep(for: .milliseconds(20))
                            }
                        }
                    }
                }
                try await group.waitForAll()
            }
        }
        let redis = try await server.connect()
        try await Polling.until("the flood holds the lock") { try await redis.send("ZCARD", key).int ?? 0 >= 2 }
        let writer = ReadWriteLock(connection: try await server.connect(), notifications: hub)
        let holdersWhileWriting = try await writer.withLock("doc", mode: .write, ttl: .seconds(30), wait: .seconds(120)) { _ in
            flood.writerEntered()
            return try await members(of: key, on: redis)
        }
        // Alone while it held: no reader came in beside it.
        #expect(holdersWhileWriting.allSatisfy { !$0.hasPrefix("read:") })
        flood.stop()
        try await readers.value
        #expect(flood.readsAfterWrite > 0, "the readers went on after the writer")
        hub.stop()
        await server.stop()
    }

    /// A reader SIGKILLed mid-section: its hold ends with its lease, and a writer then gets in.
    @Test func aKilledReadersHoldEndsWithItsLeaseAndAWriterGoesOn() async throws {
        let server = try await RedisServer.start()
        guard case .tcp(let host, let port) = server.endpoint.address else { return }
        let redis = try await server.connect()
        let hub = try ReleaseNotifications(endpoint: server.endpoint)
        let agent = try AgentProcess.start(["hold", "--url", "redis://\(host):\(port)", "--resource", "doc",
                                            "--kind", "read", "--ttl-ms", "2000"])
        // Its lease may have ended already on a stalled machine; either way the writer must get in.
        _ = try await agent.readLine(startingWith: "held ")
        _ = await agent.kill()

        let lock = ReadWriteLock(connection: try await server.connect(), notifications: hub)
        let writer = try await lock.write.acquire("doc", ttl: .seconds(30), wait: .seconds(60))
        #expect(try await members(of: key, on: redis) == ["write:" + writer.token.value])
        #expect(try await writer.release())
        hub.stop()
        await server.stop()
    }

    @Test func aServerRefusingLuaGetsATypedRefusal() async throws {
        let server = try await ServerSetup.redisWithoutLua.start()
        let hub = try ReleaseNotifications(endpoint: server.endpoint)
        let lock = ReadWriteLock(connection: try await server.connect(), notifications: hub)
        await #expect(throws: LockError.scriptingRefused(pattern: "ReadWriteLock", endpoint: server.endpoint.description)) {
            _ = try await lock.read.tryAcquire("doc", ttl: .seconds(1))
        }
        hub.stop()
        await server.stop()
    }
}

/// The reader flood's switches and counts, shared by its tasks.
private final class FloodState: Sendable {
    private struct State {
        var flooding = true
        var writerIn = false
        var readsAfterWrite = 0
    }

    private let state = Mutex(State())

    var isFlooding: Bool { state.withLock { $0.flooding } }
    var readsAfterWrite: Int { state.withLock { $0.readsAfterWrite } }
    func stop() { state.withLock { $0.flooding = false } }
    func writerEntered() { state.withLock { $0.writerIn = true } }
    func readerEntered() { state.withLock { if $0.writerIn { $0.readsAfterWrite += 1 } } }
}
