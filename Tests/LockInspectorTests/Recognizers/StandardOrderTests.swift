import Foundation
@testable import LockInspector
import LockKit
import Testing

/// The standard list as the scanner uses it: colliding shapes go to the right family.
@Suite struct StandardOrderTests {
    let standard = Recognition.standard

    func family(_ record: KeyRecord) -> LockFamily? {
        Records.lock(standard.classify(record, now: Records.now))?.family
    }

    @Test(arguments: [
        (Records.string("lock:orders", Tokens.pythonRedisLock), LockFamily.pythonRedisLock),
        (Records.string("lock:orders", Tokens.redsync), .tokenBase64),
        (Records.string("lock:orders", Tokens.nodeRedlock), .tokenHex32),
        (Records.string("orders:42", Tokens.uuid1Hex(at: Records.now)), .tokenHex32),
        (Records.string("orders:42", "1767225600000-web-01-4242-0a1b2c3d"), .locktop),
        (Records.string("pylock:orders", "1767225661.5"), .pylock),
        (Records.string(Array("lock:orders".utf8), (0..<32).map { UInt8(255 - $0) }), .walrus),
        (Records.string("lock:{orders}", "1767225600000-web-01-4242-0a1b2c3d"), .locktop),
        (Records.string("lock:orders", "1767225600000-0.8123"), .guide),
        (Records.string("redlock:orders", Tokens.uuid4), .pottery),
        (Records.string("mutex:orders", Tokens.uuid4), .redisSemaphore),
        (Records.string("bull:mail:1:lock", "\(Tokens.uuid4):1"), .bullmq),
        (Records.string("app_cache_lock:orders", Tokens.laravel), .laravel),
        (Records.hash("lock:orders", [("\(Tokens.redissonClient):1", "1")]), .redisson),
    ])
    func eachShapeGoesToItsFamily(_ record: KeyRecord, _ expected: LockFamily) {
        #expect(family(record) == expected)
    }

    @Test(arguments: [
        Records.string("orders", Tokens.uuid4, pttl: -1),
        Records.string("lock:orders", "hello"),
        Records.string("lock:fence", "3"),
        Records.hash("lock:hash", [("a", "b")]),
        Records.zset("semaphorelike", [("a", 1)]),
        KeyRecord(key: Array("lock:stream".utf8), type: .stream, pttl: -1, value: .stream(entries: [], length: 0)),
        KeyRecord(key: Array("lock:module".utf8), type: .other, pttl: -1, value: .unread),
    ])
    func whatNobodyClaimsStaysUnknownWithItsTypeAndTTL(_ record: KeyRecord) {
        guard case .unknown(let key, let type, let ttl) = standard.classify(record, now: Records.now) else {
            Issue.record("claimed: \(record.name)")
            return
        }
        #expect(key == record.key)
        #expect(type == record.type)
        #expect(ttl == LockTTL(pttl: record.pttl))
    }
}
