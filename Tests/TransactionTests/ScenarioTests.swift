import LockKit
import RedisClient
import TestSupport
import Testing

@Suite struct ScenarioTests {
    @Test func couponIssuanceWithFiftyClientsAndTwentyCouponsIssuesExactlyTwenty() async throws {
        let server = try await RedisServer.start()
        // The lock outlives any stall of a loaded machine: this test is about exactness, not expiry.
        let scenario = CouponIssuance(couponID: "spring", coupons: 20, clients: 50, lockTTL: .seconds(60))

        let summary = try await scenario.run { try await server.connect() }

        #expect(summary.issued == 20)
        #expect(summary.soldOut == 30)
        #expect(summary.storedIssued == 20)
        #expect(summary.holders == 20)
        #expect(summary.isExact)
    }

    @Test func fileProcessingKeepsTheLockThroughEveryChunk() async throws {
        let server = try await RedisServer.start()
        let connection = try await server.connect()
        // Eight chunks of 250 ms outlast the 1.5 s TTL: only renewal (every 500 ms) keeps the lock.
        let scenario = FileProcessing(file: "report.csv", chunks: 8, chunkWork: .milliseconds(250), lockTTL: .milliseconds(1500))

        let summary = try await scenario.run(lock: DistributedLock(connection: connection))

        #expect(summary.chunksProcessed == 8)
        #expect(summary.ownershipChecksPassed == 8)
        #expect(summary.loss == nil)
        #expect(summary.outlivedTTL)
        #expect(summary.heldThroughout)
        #expect(try await connection.send("HLEN", scenario.progressKey).int == 8)
        #expect(try await connection.send("EXISTS", "lock:{file:report.csv}").int == 0)
    }

    @Test func jobQueueRunsEveryJobExactlyOnce() async throws {
        let server = try await RedisServer.start()
        let notifications = try ReleaseNotifications(endpoint: server.endpoint)
        defer { notifications.stop() }
        // Locks and waits outlive any stall of a loaded machine: this test is about exactly-once.
        let scenario = JobQueue(name: "thumbnails", jobs: 40, workers: 6, lockTTL: .seconds(60), wait: .seconds(120))

        let summary = try await scenario.run(connect: { try await server.connect() }) { connection in
            NotifiedLock(connection: connection, notifications: notifications)
        }

        #expect(summary.everyJobRanOnce)
        #expect(summary.completed == 40)
        #expect(summary.duplicateRuns == 0)
        #expect(summary.perWorker.reduce(0, +) == 40)
        let connection = try await server.connect()
        #expect(try await connection.send("LLEN", scenario.pendingKey).int == 0)
        #expect(try await connection.send("SCARD", scenario.doneKey).int == 40)
    }
}
