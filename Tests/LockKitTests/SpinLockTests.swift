import LockKit
import RedisClient
import TestSupport
import Testing

@Suite struct SpinLockTests {
    @Test(arguments: [Backoff.fixed(.milliseconds(1)), .adaptive(start: .milliseconds(1), cap: .milliseconds(20))])
    func sixteenClientsNeverOverlap(backoff: Backoff) async throws {
        let server = try await RedisServer.start()
        let total = try await counterAfterContention(on: server, resource: "counter") { _, connection in
            SpinLock(connection: connection, backoff: backoff)
        }
        #expect(total == 3_200)
        await server.stop()
    }

    @Test(.serialized, arguments: [ServerSetup.redisWithoutLua, .valkeyWithoutLua])
    func sixteenClientsNeverOverlapOnEveryServer(on setup: ServerSetup) async throws {
        let server = try await setup.start()
        let total = try await counterAfterContention(on: server, resource: "counter", increments: contentionIncrements(setup)) { _, connection in
            SpinLock(connection: connection, backoff: .fixed(.milliseconds(1)))
        }
        #expect(total == 16 * contentionIncrements(setup))
        await server.stop()
    }

    @Test func adaptiveBackoffFollowsTheGuide() {
        var generator = SystemRandomNumberGenerator()
        let guide = Backoff.adaptive(jitter: 0)
        let delays = [1, 10, 11, 20, 21, 31, 200].map { guide.delay(afterAttempt: $0, using: &generator) }
        #expect(delays[0] == .milliseconds(10))
        #expect(delays[1] == .milliseconds(10))
        #expect(abs(delays[2].inMilliseconds - 15) < 0.001)
        #expect(abs(delays[3].inMilliseconds - 15) < 0.001)
        #expect(abs(delays[4].inMilliseconds - 22.5) < 0.001)
        #expect(abs(delays[5].inMilliseconds - 33.75) < 0.001)
        #expect(delays[6] == .milliseconds(200))
    }

    @Test func jitterSpreadsDelaysWithinItsBounds() {
        var generator = SystemRandomNumberGenerator()
        let backoff = Backoff.fixed(.milliseconds(100), jitter: 0.5)
        let delays = (0..<200).map { _ in backoff.delay(afterAttempt: 1, using: &generator).inMilliseconds }
        #expect(delays.allSatisfy { $0 >= 50 && $0 <= 150 })
        #expect(Set(delays.map { Int($0) }).count > 10)
    }

    @Test func ttlIsIndependentOfTheWait() async throws {
        let server = try await RedisServer.start()
        let redis = try await server.connect()
        let lock = SpinLock(connection: redis)
        let lease = try await lock.acquire("r", ttl: .seconds(30), wait: .milliseconds(10))
        #expect(try await redis.send("PTTL", lease.key).int ?? 0 > 10_000)
        await server.stop()
    }
}

extension Duration {
    var inMilliseconds: Double {
        let (seconds, attoseconds) = components
        return Double(seconds) * 1000 + Double(attoseconds) / 1e15
    }
}
