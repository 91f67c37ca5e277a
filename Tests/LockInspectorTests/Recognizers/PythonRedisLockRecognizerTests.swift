import Foundation
@testable import LockInspector
import LockKit
import Testing

@Suite struct PythonRedisLockRecognizerTests {
    let recognizer = PythonRedisLockRecognizer()

    @Test func aLockWithAnEighteenByteBase64TokenIsPythonRedisLocks() throws {
        let record = Records.string("lock:orders", Tokens.pythonRedisLock, pttl: -1)
        let lock = try #require(Records.lock(recognizer.recognize(record, now: Records.now)))
        #expect(lock.family == .pythonRedisLock)
        #expect(lock.kind == .mutex)
        #expect(lock.resource == "orders")
        #expect(lock.owners == [LockOwner(token: Tokens.pythonRedisLock)])
        #expect(lock.ttl == .noExpiry)
        #expect(lock.rawToken == Array(Tokens.pythonRedisLock.utf8))
    }

    @Test func theNameIsTakenAsGivenBracesIncluded() throws {
        let lock = try #require(Records.lock(recognizer.recognize(Records.string("lock:{a}b", "ab+/AB12cd34EF56gh78IJ90"), now: Records.now)))
        #expect(lock.resource == "{a}b")
    }

    @Test func theSignalListIsAuxiliary() throws {
        let auxiliary = try #require(Records.auxiliary(recognizer.recognize(Records.list("lock-signal:orders", ["1"]), now: Records.now)))
        #expect(auxiliary.family == .pythonRedisLock)
        #expect(auxiliary.role == "release signal list")
    }

    @Test(arguments: [
        ("lock:orders", "q3Jv+9aB/0cD1eF2gH3iJw=="),                 // redsync: padded
        ("lock:orders", "1700000000000-web-01-4242-deadbeef"),       // LockKit
        ("lock:orders", "udQ1MkZnMXMrQKf0A4gRfNm"),                  // 23 characters
        ("lock:orders", "udQ1MkZnMXMrQKf0A4gRfN-V"),                 // base64url alphabet
        ("orders", Tokens.pythonRedisLock),                          // no prefix
        ("lock:", Tokens.pythonRedisLock),                           // no name
    ])
    func otherShapesAreNotClaimed(_ key: String, _ value: String) {
        #expect(recognizer.recognize(Records.string(key, value), now: Records.now) == nil)
    }

    @Test func aTruncatedReadIsNeverTakenForAToken() {
        let record = Records.string(Array("lock:orders".utf8), Array(Tokens.pythonRedisLock.utf8), length: 1_000)
        #expect(recognizer.recognize(record, now: Records.now) == nil)
    }
}
