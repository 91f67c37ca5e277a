import Foundation
@testable import LockInspector
import LockKit
import Testing

/// The libraries told apart by key prefix and value layout, and the token shapes that name none.
@Suite struct TokenShapeRecognizerTests {
    let shapes = ShapeRecognizer()

    @Test func aUUID1HexTokenIsNamedByItsShapeAndCarriesItsAcquisitionTime() throws {
        let taken = Date(timeIntervalSince1970: 1_767_225_000)
        let token = Tokens.uuid1Hex(at: taken)
        let lock = try #require(Records.lock(shapes.recognize(Records.string("invoice", token), now: Records.now)))
        // redis-py before 8.2 and valkey-py both write uuid1().hex: no library's name.
        #expect(lock.family == .tokenHex32)
        #expect(lock.resource == "invoice")
        let acquiredAt = try #require(lock.owners.first?.acquiredAt)
        #expect(abs(acquiredAt.timeIntervalSince(taken)) < 0.001)
    }

    @Test func aRealUUID1FromPythonDecodesToTheTimePythonReports() throws {
        // uuid.UUID('25a121b6e87111f18d6d02fc00000001'): time 1795570808.546143 s after 1970.
        let now = Date(timeIntervalSince1970: 1_800_000_000)
        let lock = try #require(Records.lock(shapes.recognize(Records.string("invoice", "25a121b6e87111f18d6d02fc00000001"), now: now)))
        let acquiredAt = try #require(lock.owners.first?.acquiredAt)
        #expect(abs(acquiredAt.timeIntervalSince1970 - 1_795_570_808.546143) < 0.001)
    }

    /// redis-py 8.2's uuid4().hex and node-redlock's random hex look alike: both `token:32hex`, no time.
    @Test(arguments: ["0f1e2d3c4b5a49788796a5b4c3d2e1f0", Tokens.nodeRedlock, "9F86D081884C7D659A2FEAA0C55AD015"])
    func otherThirtyTwoHexTokensAreTheHexShape(_ token: String) throws {
        let lock = try #require(Records.lock(shapes.recognize(Records.string("payments", token), now: Records.now)))
        #expect(lock.family == .tokenHex32)
        #expect(lock.owners == [LockOwner(token: token)])
    }

    @Test(arguments: [(Tokens.uuid4, LockFamily.tokenUUID), (Tokens.uuid4.uppercased(), .tokenUUID),
                      (Tokens.redsync, .tokenBase64), (Tokens.pythonRedisLock, .tokenBase64),
                      ("q3Jv-9aB_0cD1eF2gH3iJw", .tokenBase64), ("aZ3kQ9pL2xW7mN4bR8tY1u", .tokenBase64)])
    func eachTokenShapeHasItsFamily(_ token: String, _ family: LockFamily) {
        #expect(Records.lock(shapes.recognize(Records.string("anything", token), now: Records.now))?.family == family)
    }

    @Test(arguments: ["9f86d081884c7d659a2feaa0c55ad01", "9f86d081884c7d659a2feaa0c55ad015a", "12345678901234567890123456",
                      "abcdefghijklmnopqrstuvwxyzab", #"{"user":1,"cart":[1,2]}"#, "q3Jv+9aB_0cD1eF2gH3iJw", "short", "42",
                      "q3Jv+9aB/0cD1eF2gH3iJw===", "0123456789abcdef0123456789abcdef0123456789abcdef"])
    func valuesWithoutALockTokensShapeAreNobodys(_ value: String) {
        #expect(shapes.recognize(Records.string("session:1", value), now: Records.now) == nil)
    }

    @Test func aTokenWithATTLIsPossibleUnlessItsNameSaysLock() throws {
        let session = try #require(Records.lock(shapes.recognize(Records.string("session:7", Tokens.uuid4, pttl: 1_800_000), now: Records.now)))
        #expect(session.confidence == .possible)
        for name in ["orders:lock", "report-LOCK", "mutex-7", "leader:scheduler"] {
            #expect(Records.lock(shapes.recognize(Records.string(name, Tokens.uuid4), now: Records.now))?.confidence == .lock, "\(name)")
        }
    }

    @Test func aTokenWithoutTTLWhoseNameDoesNotSayLockIsNotClaimed() {
        #expect(shapes.recognize(Records.string("api-key", Tokens.nodeRedlock, pttl: -1), now: Records.now) == nil)
        #expect(shapes.recognize(Records.string("report:lock", Tokens.nodeRedlock, pttl: -1), now: Records.now) != nil)
    }

    @Test func walrusHoldsThirtyTwoRawBytesUnderLockColon() throws {
        let token: [UInt8] = (0..<32).map { UInt8(($0 * 37 + 200) % 256) }
        let lock = try #require(Records.lock(WalrusRecognizer().recognize(Records.string(Array("lock:export".utf8), token), now: Records.now)))
        #expect(lock.family == .walrus)
        #expect(lock.resource == "export")
        #expect(lock.rawToken == token)
        #expect(WalrusRecognizer().recognize(Records.string("lock:export", "0123456789abcdef0123456789abcdef"), now: Records.now) == nil)
        #expect(Records.auxiliary(WalrusRecognizer().recognize(Records.list("lock.event:export", ["1"]), now: Records.now))?.family == .walrus)
    }

    @Test func pylockHoldsItsExpiryTimeUnderPylockColon() throws {
        let lock = try #require(Records.lock(PylockRecognizer().recognize(Records.string("pylock:nightly", "1767225661.5123"), now: Records.now)))
        #expect(lock.family == .pylock)
        #expect(lock.resource == "nightly")
        #expect(PylockRecognizer().recognize(Records.string("pylock:nightly", "soon"), now: Records.now) == nil)
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

@Suite struct ShapeEvidenceTests {
    @Test func aShapeFamilySaysWhoWritesItAndHowSureItIs() throws {
        let possible = try #require(Records.lock(ShapeRecognizer().recognize(Records.string("orders:42", Tokens.nodeRedlock), now: Records.now)))
        #expect(possible.evidence.first == "token shape and a TTL only: possibly not a lock")
        #expect(possible.evidence.last?.contains("redis-py Lock") == true)
        let named = try #require(Records.lock(ShapeRecognizer().recognize(Records.string("orders:lock", Tokens.nodeRedlock), now: Records.now)))
        #expect(named.evidence.first == "token shape, and the key's name says lock")
        #expect(LockFamily.pottery.writers.isEmpty && !LockFamily.pottery.isShape)
    }
}
