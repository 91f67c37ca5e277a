import Foundation
@testable import LockInspector
import LockKit
import Testing

@Suite struct RedissonRecognizerTests {
    let recognizer = RedissonRecognizer()
    let client = Tokens.redissonClient

    @Test func anRLockHashNamesTheClientAndThreadAndIsReentrant() throws {
        let record = Records.hash("orders:42", [("\(client):57", "2")], pttl: 29_000)
        let lock = try #require(Records.lock(recognizer.recognize(record, now: Records.now)))
        #expect(lock.family == .redisson)
        #expect(lock.kind == .reentrant)
        #expect(lock.resource == "orders:42")
        #expect(lock.owners == [LockOwner(token: "\(client):57", host: client, thread: "57")])
        #expect(lock.ttl == .remaining(.milliseconds(29_000)))
        #expect(lock.rawToken == Array("\(client):57".utf8))
    }

    @Test func aReadWriteLockInReadModeListsEveryReader() throws {
        let other = "0b1c2d3e-4f50-4a6b-8c7d-9e0f1a2b3c4d"
        let record = Records.hash("catalog", [("mode", "read"), ("\(client):1", "1"), ("\(other):88", "3")])
        let lock = try #require(Records.lock(recognizer.recognize(record, now: Records.now)))
        #expect(lock.kind == .readWrite)
        #expect(lock.owners.map(\.thread) == ["1", "88"])
        #expect(lock.owners.map(\.host) == [client, other])
        #expect(lock.shared?.mode == .read)
        #expect(lock.shared?.summary == "2 readers")
        #expect(lock.shared?.holders.map(\.rawMember) == [Array("\(client):1".utf8), Array("\(other):88".utf8)])
    }

    @Test func aReadWriteLockInWriteModeNamesTheWriter() throws {
        let record = Records.hash("catalog", [("mode", "write"), ("\(client):9:write", "1")])
        let lock = try #require(Records.lock(recognizer.recognize(record, now: Records.now)))
        #expect(lock.kind == .readWrite)
        #expect(lock.owners == [LockOwner(token: "\(client):9:write", host: client, thread: "9")])
        #expect(lock.shared?.mode == .write)
        #expect(lock.shared?.holders.map(\.role) == [.writer])
    }

    @Test(arguments: [
        [("status", "running"), ("step1", "{}")],
        [("\(Tokens.redissonClient):1", "not a count")],
        [("mode", "sideways"), ("\(Tokens.redissonClient):1", "1")],
        [("\(Tokens.redissonClient):1", "1"), ("name", "x")],
        [("mode", "read")],
        [("\(Tokens.redissonClient.uppercased()):1", "1")],
        [("\(Tokens.redissonClient):", "1")],
    ])
    func hashesThatAreNotRedissonLocksAreNotClaimed(_ fields: [(String, String)]) {
        #expect(recognizer.recognize(Records.hash("some:hash", fields), now: Records.now) == nil)
    }

    @Test func theFairLockTimeoutZsetIsTheQueueWithDeadlines() throws {
        let deadline = 1_767_225_900_000.0
        let record = Records.zset("redisson_lock_timeout:{orders:42}",
                                  [("\(client):60", deadline), ("\(client):61", deadline + 5_000)])
        let queue = try #require(Records.queue(recognizer.recognize(record, now: Records.now)))
        #expect(queue.family == .redisson)
        #expect(queue.resource == "orders:42")
        #expect(queue.count == 2)
        #expect(queue.waiters.map(\.member) == ["\(client):60", "\(client):61"])
        #expect(queue.waiters.map(\.rank) == [0, 1])
        #expect(queue.waiters.first?.deadline == Date(timeIntervalSince1970: deadline / 1000))
    }

    @Test(arguments: [
        ("redisson_lock_timeout:{plain}", "plain"),
        ("redisson_lock_timeout:has{tag}inside", "has{tag}inside"),
        ("redisson_lock_timeout:{a}{b}", "{a}{b}"),
    ])
    func auxiliaryKeysFollowRedissonsBraceRule(_ key: String, _ resource: String) throws {
        let queue = try #require(Records.queue(recognizer.recognize(Records.zset(key, [("\(client):1", 1)]), now: Records.now)))
        #expect(queue.resource == resource)
    }

    @Test(arguments: [
        (Records.list("redisson_lock_queue:{orders}", ["\(Tokens.redissonClient):60"]), "fair-lock queue order"),
        (Records.string("redisson_lock_token:{orders}", "17"), "fencing token counter"),
        (Records.string("redisson_unlock_latch:{orders}:5e1f", "1"), "unlock latch"),
        (Records.string("{catalog}:\(Tokens.redissonClient):1:rwlock_timeout:1", "1"), "read-lock hold timeout"),
    ])
    func supportingKeysAreAuxiliary(_ record: KeyRecord, _ role: String) throws {
        let auxiliary = try #require(Records.auxiliary(recognizer.recognize(record, now: Records.now)))
        #expect(auxiliary.role == role)
        #expect(auxiliary.family == .redisson)
    }

    @Test func aPermitExpirableSemaphoreListsItsPermits() throws {
        let record = Records.zset("{pool}:timeout", [("5f1e2d3c4b5a69788796a5b4c3d2e1f0", 1_767_225_700_000),
                                                     ("00112233445566778899aabbccddeeff", 1_767_225_800_000)])
        let lock = try #require(Records.lock(recognizer.recognize(record, now: Records.now)))
        #expect(lock.kind == .semaphore)
        #expect(lock.resource == "pool")
        #expect(lock.owners.map(\.token) == ["5f1e2d3c4b5a69788796a5b4c3d2e1f0", "00112233445566778899aabbccddeeff"])
    }

    @Test(arguments: ["pool:timeout", "{pool}:timeout:x", "{pool}:deadline"])
    func zsetsWithoutRedissonsSuffixShapeAreNotSemaphores(_ key: String) {
        #expect(recognizer.recognize(Records.zset(key, [("5f1e2d3c4b5a69788796a5b4c3d2e1f0", 1)]), now: Records.now) == nil)
    }

    @Test func aTimeoutSuffixWithNonPermitMembersIsNotClaimed() {
        #expect(recognizer.recognize(Records.zset("{pool}:timeout", [("job-1", 1)]), now: Records.now) == nil)
    }
}
