import Foundation
@testable import LockInspector
import LockKit
import Testing

/// LockKit's read-write locks and semaphores, read from their zsets without Redis.
@Suite struct SharedLockRecognitionTests {
    let recognizer = LockKitRecognizer()
    let reader1 = "1767225600000-web-1-101-0000000a"
    let reader2 = "1767225601000-web-2-202-0000000b"
    let writer = "1767225602000-batch-7-303-0000000c"

    /// The key expires with the latest lease (60 s here), so each holder's TTL is the key's
    /// PTTL less how much sooner its own lease ends.
    @Test func aReadWriteLockInReadModeListsEachReaderWithItsOwnTTLAndTheWaitingWriter() throws {
        let end = 1_767_225_660_000.0
        let record = Records.zset(KeySchema.default.readWriteLock("doc:7"),
                                  [("read:\(reader1)", end - 50_000), ("wait:\(writer)", end - 58_000), ("read:\(reader2)", end)],
                                  pttl: 60_000)
        let lock = try #require(Records.lock(recognizer.recognize(record, now: Records.now)))
        let holds = try #require(lock.shared)
        #expect(lock.kind == .readWrite)
        #expect(lock.family == .locktop)
        #expect(lock.resource == "doc:7")
        #expect(holds.mode == .read)
        #expect(holds.summary == "2 readers")
        #expect(holds.holders.map(\.owner.pid) == [101, 202])
        #expect(holds.holders.map(\.ttl) == [.remaining(.seconds(10)), .remaining(.seconds(60))])
        #expect(holds.shortestTTL == .remaining(.seconds(10)))
        #expect(holds.waitingWriters.map(\.owner.host) == ["batch-7"])
        #expect(lock.owners.count == 2)
        #expect(lock.rawToken == Array("read:\(reader1)".utf8))
        #expect(lock.releaseChannel == ReleaseChannel(name: Array("rwlock:channel:{doc:7}".utf8), message: "released:all"))
    }

    @Test func aSemaphoreShowsItsPermitsInUseAndInForce() throws {
        let end = 1_767_225_630_000.0
        let record = Records.zset(KeySchema.default.semaphore("pool"),
                                  [(reader1, end - 1_000), (reader2, end), ("limit:5", .infinity)], pttl: 30_000)
        let lock = try #require(Records.lock(recognizer.recognize(record, now: Records.now)))
        let holds = try #require(lock.shared)
        #expect(lock.kind == .semaphore)
        #expect(holds.summary == "2/5 permits")
        #expect(holds.permits == 5)
        #expect(holds.holders.map(\.role) == [.permit, .permit])
        #expect(holds.shortestTTL == .remaining(.seconds(29)))
    }

    /// redis-semaphore (Node) writes `semaphore:<key>` zsets of UUIDs: not ours, left to its recogniser.
    @Test func anotherLibrarysSemaphoreZsetIsNotClaimed() {
        let record = Records.zset("semaphore:pool", [("0b1c2d3e-4f50-4a6b-8c7d-9e0f1a2b3c4d", 1_767_225_600_000)])
        #expect(recognizer.recognize(record, now: Records.now) == nil)
        #expect(Records.lock(Recognition.standard.classify(record, now: Records.now))?.family == .redisSemaphore)
    }

    @Test func hostileMembersAreShownEscaped() throws {
        let record = Records.zset(KeySchema.default.readWriteLock("doc"), [("read:\u{1b}]0;pwned\u{07}", 1_767_225_660_000)], pttl: 1_000)
        let lock = try #require(Records.lock(recognizer.recognize(record, now: Records.now)))
        let owner = try #require(lock.shared?.holders.first?.owner.token)
        #expect(!owner.contains("\u{1b}") && !owner.contains("\u{07}"))
    }
}
