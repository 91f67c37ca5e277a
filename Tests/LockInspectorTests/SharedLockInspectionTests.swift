import Foundation
import LockInspector
import LockKit
import RedisClient
import TestSupport
import Testing

/// LockKit's read-write lock and semaphore write real keys; the scanner reads them back as one
/// row each with every holder, and the operator's actions touch one holder alone.
@Suite struct SharedLockInspectionTests {
    private func scanLock(_ key: String, on server: RedisServer) async throws -> LockEntity {
        let snapshot = try await KeyspaceScanner(connection: try await server.connect()).scan()
        return try #require(snapshot.locks.first { $0.key == Array(key.utf8) }, "\(key) not found among \(snapshot.locks.map(\.resource))")
    }

    @Test func readersAndAWaitingWriterAreReadBackAsOneRowWithTheirOwnLeases() async throws {
        let server = try await RedisServer.start()
        let hub = try ReleaseNotifications(endpoint: server.endpoint)
        let lock = ReadWriteLock(connection: try await server.connect(), notifications: hub)
        let brief = try #require(try await lock.read.tryAcquire("doc", ttl: .seconds(20)))
        let lasting = try #require(try await lock.read.tryAcquire("doc", ttl: .seconds(60)))
        let writer = Task { try await lock.write.acquire("doc", ttl: .seconds(30), wait: .seconds(120)) }
        let redis = try await server.connect()
        try await Polling.until("the writer waits") {
            try await redis.send("ZRANGE", KeySchema.default.readWriteLock("doc"), 0, -1).array?.contains { $0.string?.hasPrefix("wait:") == true } == true
        }

        let seen = try await scanLock(KeySchema.default.readWriteLock("doc"), on: server)
        let holds = try #require(seen.shared)
        #expect(seen.kind == .readWrite)
        #expect(seen.family == .locktop)
        #expect(holds.mode == .read)
        #expect(holds.holders.map(\.owner.token) == [brief.token.value, lasting.token.value])
        #expect(holds.holders.map(\.owner.pid) == [OwnerToken.processID, OwnerToken.processID])
        #expect(holds.waitingWriters.count == 1)
        guard case .remaining(let short) = holds.holders[0].ttl, case .remaining(let long) = holds.holders[1].ttl else {
            Issue.record("holders without leases: \(holds.holders)")
            return
        }
        #expect(short <= .seconds(20) && long > .seconds(40))

        // The operator releases the brief reader alone: the other keeps its hold, the writer still waits.
        let actions = LockActions(connection: try await server.connect(), readOnly: false)
        #expect(await actions.releaseHolder(of: seen, member: holds.holders[0].rawMember) == .done)
        #expect(await actions.releaseHolder(of: seen, member: holds.holders[0].rawMember) == .ownerChanged)
        #expect(await actions.extendHolder(of: seen, member: holds.holders[1].rawMember, by: .seconds(60)) == .done)
        let after = try #require(try await scanLock(KeySchema.default.readWriteLock("doc"), on: server).shared)
        #expect(after.holders.map(\.owner.token) == [lasting.token.value])
        // Longer than its whole first lease (60 s) can only be the extension, however long this took.
        if case .remaining(let extended) = after.holders[0].ttl { #expect(extended > .seconds(60)) } else { Issue.record("no lease") }
        #expect(try await brief.release() == false)

        // The last reader out hands the lock to the waiting writer.
        #expect(await actions.releaseHolder(of: seen, member: holds.holders[1].rawMember) == .done)
        let writing = try await writer.value
        #expect(try await scanLock(KeySchema.default.readWriteLock("doc"), on: server).shared?.mode == .write)
        #expect(try await writing.release())
        hub.stop()
        await server.stop()
    }

    @Test func aSemaphoreIsReadWithItsPermitsAndReadOnlyActionsSendNothing() async throws {
        let server = try await RedisServer.start()
        let hub = try ReleaseNotifications(endpoint: server.endpoint)
        let semaphore = Semaphore(connection: try await server.connect(), notifications: hub, permits: 3)
        let first = try #require(try await semaphore.tryAcquire("pool", ttl: .seconds(30)))
        let second = try #require(try await semaphore.tryAcquire("pool", ttl: .seconds(30)))
        let seen = try await scanLock(KeySchema.default.semaphore("pool"), on: server)
        #expect(seen.kind == .semaphore)
        #expect(seen.shared?.summary == "2/3 permits")

        let readOnly = LockActions(connection: try await server.connect(), readOnly: true)
        #expect(await readOnly.releaseHolder(of: seen, member: Array(first.token.value.utf8)) == .refusedReadOnly)
        let actions = LockActions(connection: try await server.connect(), readOnly: false)
        #expect(await actions.releaseHolder(of: seen, member: Array(first.token.value.utf8)) == .done)
        #expect(try await scanLock(KeySchema.default.semaphore("pool"), on: server).shared?.summary == "1/3 permits")
        #expect(try await second.release())
        #expect(await actions.releaseHolder(of: seen, member: Array(second.token.value.utf8)) == .keyGone)
        hub.stop()
        await server.stop()
    }

    @Test func anotherLibrarysHolderIsNotReleasedByHand() async throws {
        let server = try await RedisServer.start()
        let redis = try await server.connect()
        let client = "0b1c2d3e-4f50-4a6b-8c7d-9e0f1a2b3c4d"
        try await redis.send("HSET", "catalog:lock", "mode", "read", "\(client):1", "1")
        try await redis.send("PEXPIRE", "catalog:lock", 30_000)
        let seen = try await scanLock("catalog:lock", on: server)
        let actions = LockActions(connection: try await server.connect(), readOnly: false)
        guard case .unsupported = await actions.releaseHolder(of: seen, member: Array("\(client):1".utf8)) else {
            Issue.record("a Redisson hold was released by hand")
            return
        }
        #expect(try await redis.send("HGET", "catalog:lock", "\(client):1").string == "1")
        await server.stop()
    }
}
