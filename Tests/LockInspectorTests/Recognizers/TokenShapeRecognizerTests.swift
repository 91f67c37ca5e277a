import Foundation
@testable import LockInspector
import LockKit
import Testing

/// The libraries told apart by key prefix and token shape alone.
@Suite struct TokenShapeRecognizerTests {
    @Test func aUUID1HexTokenIsRedisPysAndCarriesItsAcquisitionTime() throws {
        let taken = Date(timeIntervalSince1970: 1_767_225_000)
        let token = Tokens.uuid1Hex(at: taken)
        let lock = try #require(Records.lock(RedisPyLockRecognizer().recognize(Records.string("invoice", token), now: Records.now)))
        #expect(lock.family == .redisPy)
        #expect(lock.resource == "invoice")
        let acquiredAt = try #require(lock.owners.first?.acquiredAt)
        #expect(abs(acquiredAt.timeIntervalSince(taken)) < 0.001)
    }

    @Test func aRealUUID1FromPythonDecodesToTheTimePythonReports() throws {
        // uuid.UUID('25a121b6e87111f18d6d02fc00000001'): time 1795570808.546143 s after 1970.
        let now = Date(timeIntervalSince1970: 1_800_000_000)
        let lock = try #require(Records.lock(RedisPyLockRecognizer().recognize(Records.string("invoice", "25a121b6e87111f18d6d02fc00000001"), now: now)))
        let acquiredAt = try #require(lock.owners.first?.acquiredAt)
        #expect(abs(acquiredAt.timeIntervalSince1970 - 1_795_570_808.546143) < 0.001)
    }

    @Test func otherThirtyTwoHexTokensAreNodeRedlocks() throws {
        let lock = try #require(Records.lock(NodeRedlockRecognizer().recognize(Records.string("payments", Tokens.nodeRedlock), now: Records.now)))
        #expect(lock.family == .nodeRedlock)
        #expect(lock.resource == "payments")
        #expect(lock.owners == [LockOwner(token: Tokens.nodeRedlock)])
    }

    /// uuid1 shape but a timestamp in the future or before 2000: a random token, so node-redlock's.
    @Test(arguments: [Date(timeIntervalSince1970: 1_767_225_600 + 2 * 86_400), Date(timeIntervalSince1970: 900_000_000)])
    func uuid1ShapedTokensFromImplausibleTimesAreNodeRedlocks(_ time: Date) {
        let token = Tokens.uuid1Hex(at: time)
        #expect(RedisPyLockRecognizer().recognize(Records.string("x", token), now: Records.now) == nil)
        #expect(Records.lock(NodeRedlockRecognizer().recognize(Records.string("x", token), now: Records.now))?.family == .nodeRedlock)
    }

    @Test func aPlausibleUUID1IsNeverNodeRedlocks() {
        let token = Tokens.uuid1Hex(at: Records.now.addingTimeInterval(-60))
        #expect(NodeRedlockRecognizer().recognize(Records.string("x", token), now: Records.now) == nil)
    }

    @Test(arguments: ["9F86D081884C7D659A2FEAA0C55AD015", "9f86d081884c7d659a2feaa0c55ad01", "9f86d081884c7d659a2feaa0c55ad015a"])
    func hexOfTheWrongCaseOrLengthIsNobodys(_ token: String) {
        #expect(NodeRedlockRecognizer().recognize(Records.string("x", token), now: Records.now) == nil)
        #expect(RedisPyLockRecognizer().recognize(Records.string("x", token), now: Records.now) == nil)
    }

    @Test func aPaddedSixteenByteBase64TokenIsRedsyncs() throws {
        let lock = try #require(Records.lock(RedsyncRecognizer().recognize(Records.string("stock-mutex", Tokens.redsync, pttl: 8_000), now: Records.now)))
        #expect(lock.family == .redsync)
        #expect(lock.ttl == .remaining(.seconds(8)))
    }

    @Test(arguments: ["q3Jv+9aB/0cD1eF2gH3iJx==", Tokens.pythonRedisLock, "q3Jv+9aB/0cD1eF2gH3i-w=="])
    func base64ThatCannotBeSixteenBytesIsNotRedsyncs(_ token: String) {
        #expect(RedsyncRecognizer().recognize(Records.string("x", token), now: Records.now) == nil)
    }

    @Test func potteryHoldsAUUID4UnderRedlockColon() throws {
        let lock = try #require(Records.lock(PotteryRecognizer().recognize(Records.string("redlock:report", Tokens.uuid4, pttl: 10_000), now: Records.now)))
        #expect(lock.family == .pottery)
        #expect(lock.resource == "report")
        #expect(PotteryRecognizer().recognize(Records.string("report", Tokens.uuid4), now: Records.now) == nil)
        #expect(PotteryRecognizer().recognize(Records.string("redlock:report", Tokens.uuid4.uppercased()), now: Records.now) == nil)
        let uuid1 = "c930d622-669d-19cf-b42c-d0c3b1369479"
        #expect(PotteryRecognizer().recognize(Records.string("redlock:report", uuid1), now: Records.now) == nil)
    }

    @Test func redisSemaphoresMutexHoldsAUUID4UnderMutexColon() throws {
        let lock = try #require(Records.lock(RedisSemaphoreRecognizer().recognize(Records.string("mutex:cart", Tokens.uuid4), now: Records.now)))
        #expect(lock.family == .redisSemaphore)
        #expect(lock.kind == .mutex)
        #expect(lock.resource == "cart")
    }

    @Test func redisSemaphoresSemaphoreListsHoldersWithTheirAcquisitionTimes() throws {
        let taken = 1_767_225_500_000.0
        let record = Records.zset("semaphore:uploads", [(Tokens.uuid4, taken), ("7d444840-9dc0-41cd-9a2e-7a7e2b1f0b1c", taken + 10)], pttl: 10_000)
        let lock = try #require(Records.lock(RedisSemaphoreRecognizer().recognize(record, now: Records.now)))
        #expect(lock.kind == .semaphore)
        #expect(lock.resource == "uploads")
        #expect(lock.owners.count == 2)
        #expect(lock.owners.first?.acquiredAt == Date(timeIntervalSince1970: taken / 1000))
    }

    @Test func aBullMQJobLockNamesTheWorker() throws {
        let record = Records.string("bull:emails:1234:lock", "\(Tokens.uuid4):17")
        let lock = try #require(Records.lock(BullMQRecognizer().recognize(record, now: Records.now)))
        #expect(lock.family == .bullmq)
        #expect(lock.resource == "emails:1234")
        #expect(lock.owners == [LockOwner(token: "\(Tokens.uuid4):17", host: Tokens.uuid4)])
    }

    @Test(arguments: [("bull:emails:1234:lock", Tokens.uuid4), ("bull:emails:1234:lock", "\(Tokens.uuid4):"),
                      ("bull:emails:1234", "\(Tokens.uuid4):1"), ("bull::lock", "\(Tokens.uuid4):1")])
    func otherBullKeysAreNotJobLocks(_ key: String, _ value: String) {
        #expect(BullMQRecognizer().recognize(Records.string(key, value), now: Records.now) == nil)
    }

    @Test func aLaravelCacheLockHoldsSixteenAlphanumerics() throws {
        let record = Records.string("laravel_database_shop_cache_import-lock", Tokens.laravel, pttl: -1)
        let lock = try #require(Records.lock(LaravelRecognizer().recognize(record, now: Records.now)))
        #expect(lock.family == .laravel)
        #expect(lock.resource == "import-lock")
        #expect(lock.ttl == .noExpiry)
    }

    @Test(arguments: [("shop_cache_import", "aZ3kQ9pL2xW7mN4"), ("shop_cache_import", "aZ3kQ9pL2xW7mN4-"), ("shop_import", Tokens.laravel)])
    func laravelNeedsItsPrefixAndItsTokenShape(_ key: String, _ value: String) {
        #expect(LaravelRecognizer().recognize(Records.string(key, value), now: Records.now) == nil)
    }
}
