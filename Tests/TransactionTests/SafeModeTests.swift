import LockKit
import RedisClient
import Synchronization
import TestSupport
import Testing

@Suite struct SafeModeTests {
    /// A Redlock over `servers` whose connections give up at once on a dead server.
    private func redlock(over servers: [RedisServer]) async throws -> Redlock {
        var connections: [RedisConnection] = []
        for server in servers { connections.append(try await server.connectOnce(commandTimeout: .milliseconds(500))) }
        return Redlock(connections: connections, perInstanceTimeout: .milliseconds(500))
    }

    @Test func withTwoOfThreeServersKilledTheWorkIsDeferredNotRun() async throws {
        let servers = try await RedisServer.startMany(3)
        let safeMode = SafeMode(lock: try await redlock(over: servers), backoff: .fixed(.seconds(30), jitter: 0))
        await servers[0].kill()
        await servers[1].kill()
        let runs = Atomic<Int>(0)

        let outcome = try await safeMode.run("report:1", ttl: .seconds(5), wait: .milliseconds(200)) { _ in
            runs.add(1, ordering: .relaxed)
        }

        guard case .deferred(_, let attempts, let reason) = outcome else {
            Issue.record("expected the work deferred, got \(outcome)")
            return
        }
        #expect(attempts == 1)
        guard case .quorumNotReached = reason else {
            Issue.record("expected quorumNotReached, got \(reason)")
            return
        }
        #expect(runs.load(ordering: .relaxed) == 0)
        #expect(safeMode.isDeferring())
        #expect(try await servers[2].connect().send("EXISTS", "lock:{report:1}").int == 0)

        // Within the backoff it does not even try: the count of failed attempts stays.
        let again = try await safeMode.run("report:1", ttl: .seconds(5), wait: .milliseconds(200)) { _ in
            runs.add(1, ordering: .relaxed)
        }
        guard case .deferred(_, let sameAttempts, _) = again else {
            Issue.record("expected the work deferred again, got \(again)")
            return
        }
        #expect(sameAttempts == 1)
        #expect(runs.load(ordering: .relaxed) == 0)
    }

    @Test func withAQuorumTheWorkRunsUnderTheLock() async throws {
        let servers = try await RedisServer.startMany(3)
        let safeMode = SafeMode(lock: try await redlock(over: servers))
        await servers[0].kill()

        let outcome = try await safeMode.run("report:2", ttl: .seconds(5), wait: .seconds(5)) { lease in
            lease.isHeld ? "done" : "unlocked"
        }

        guard case .ran(let result) = outcome else {
            Issue.record("expected the work to run, got \(outcome)")
            return
        }
        #expect(result == "done")
        #expect(!safeMode.isDeferring())
    }

    @Test func afterEnoughPartitionsItGivesUp() async throws {
        let servers = try await RedisServer.startMany(3)
        let safeMode = SafeMode(lock: try await redlock(over: servers), backoff: .fixed(.seconds(30), jitter: 0), giveUpAfter: 2)
        for server in servers[..<2] { await server.kill() }
        let later = ContinuousClock.now + .seconds(60)

        _ = try await safeMode.run("report:3", ttl: .seconds(5), wait: .milliseconds(100)) { _ in 0 }
        // Past the backoff it tries again; a second partition in a row is the last allowed.
        let outcome = try await safeMode.run("report:3", ttl: .seconds(5), wait: .milliseconds(100), now: later) { _ in 0 }

        guard case .gaveUp(.quorumNotReached) = outcome else {
            Issue.record("expected to give up, got \(outcome)")
            return
        }
    }
}
