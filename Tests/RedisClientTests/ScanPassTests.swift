import RedisClient
import Synchronization
import TestSupport
import Testing

/// Whole SCAN passes against a real server: one chain and two halves find the same keys,
/// and the halves' overlap is counted so that returned keys add up to the keyspace.
@Suite struct ScanPassTests {
    /// What a pass delivered, gathered from its pages.
    final class Pages: Sendable {
        private let state = Mutex<(returned: Int, keys: [[UInt8]], pages: Int)>((0, [], 0))
        func add(_ page: ScanPage) { state.withLock { $0.returned += page.returned; $0.keys += page.keys; $0.pages += 1 } }
        var returned: Int { state.withLock { $0.returned } }
        var keys: [[UInt8]] { state.withLock { $0.keys } }
        var pages: Int { state.withLock { $0.pages } }
    }

    static func fill(_ redis: RedisConnection, keys count: Int) async throws {
        var batch: [RedisCommand] = []
        for index in 0..<count {
            batch.append(RedisCommand("SET", index % 10 == 0 ? "lock:\(index)" : "data:\(index)", "v"))
            if batch.count == 1000 { _ = try await redis.pipeline(batch); batch.removeAll() }
        }
        _ = try await redis.pipeline(batch)
    }

    static func pass(_ redis: RedisConnection, inHalves: Bool, count: Int, match: String? = nil,
                     keep: @escaping @Sendable (UnsafeRawBufferPointer) -> Bool = { _ in true }) async throws -> (Pages, duplicates: Int) {
        let pages = Pages()
        let outcome = try await redis.scanPass(match: match, schedule: FixedScanCount(count), inHalves: inHalves, where: keep) { pages.add($0) }
        #expect(outcome.completed)
        return (pages, outcome.duplicates)
    }

    @Test(arguments: [0, 1, 3, 20_000])
    func twoHalvesReturnEveryKeyAndCountEachOnce(keyCount: Int) async throws {
        let server = try await RedisServer.start()
        let redis = try await server.connect()
        try await Self.fill(redis, keys: keyCount)

        let (whole, wholeDuplicates) = try await Self.pass(redis, inHalves: false, count: 100)
        let (halves, duplicates) = try await Self.pass(redis, inHalves: true, count: 100)

        #expect(wholeDuplicates == 0)
        #expect(Set(whole.keys).count == keyCount)
        #expect(Set(halves.keys) == Set(whole.keys))
        #expect(halves.returned - duplicates == keyCount)
        #expect(whole.returned == keyCount)
        await server.stop()
    }

    @Test func halvesWithServerMatchAndAClientFilterKeepOnlyWhatBothAccept() async throws {
        let server = try await RedisServer.start()
        let redis = try await server.connect()
        try await Self.fill(redis, keys: 5000)
        let endsInZeroZero: @Sendable (UnsafeRawBufferPointer) -> Bool = { key in key.count >= 2 && key[key.count - 1] == 48 && key[key.count - 2] == 48 }

        let (halves, duplicates) = try await Self.pass(redis, inHalves: true, count: 50, match: "lock:*", keep: endsInZeroZero)

        #expect(halves.returned - duplicates == 500)
        // lock:100 ... lock:4900 (lock:0 does not end in "00").
        #expect(Set(halves.keys) == Set((1..<50).map { Array("lock:\($0 * 100)".utf8) }))
        #expect(halves.pages > 2)
        await server.stop()
    }

    @Test(arguments: [false, true])
    func aRefusedScanThrowsAndLeavesTheConnectionUsable(inHalves: Bool) async throws {
        let server = try await RedisServer.start()
        let redis = try await server.connect()
        try await Self.fill(redis, keys: 10)
        try await redis.send("ACL", "SETUSER", "default", "-scan")

        await #expect(throws: RedisError.self) { _ = try await Self.pass(redis, inHalves: inHalves, count: 10) }

        #expect(try await redis.send("PING") == .status("PONG"))
        #expect(try await redis.send("DBSIZE").int == 10)
        await server.stop()
    }

    @Test func theConnectionAnswersOrdinaryCommandsAfterAPass() async throws {
        let server = try await RedisServer.start()
        let redis = try await server.connect()
        try await Self.fill(redis, keys: 3000)

        _ = try await Self.pass(redis, inHalves: true, count: 100)

        #expect(try await redis.send("GET", "data:1") == .bulk(Array("v".utf8)))
        #expect(try await redis.pipeline([RedisCommand("DBSIZE"), RedisCommand("SCAN", 0, "COUNT", 10)]).first?.int == 3000)
        await server.stop()
    }
}

/// Cancellation: a pass that may stop does so after reading what is in flight; one that may
/// not runs to its end. Either way the connection is usable afterwards.
@Suite struct ScanPassCancellationTests {
    @Test(arguments: [false, true])
    func aCancelledPassStopsOnlyWhenAllowedAndLeavesTheConnectionUsable(inHalves: Bool) async throws {
        let server = try await RedisServer.start()
        let redis = try await server.connect()
        try await ScanPassTests.fill(redis, keys: 20_000)

        let stopping = Task {
            withUnsafeCurrentTask { $0?.cancel() }
            return try await redis.scanPass(schedule: FixedScanCount(10), inHalves: inHalves, where: { _ in true }) { _ in }
        }
        let finishing = Task {
            withUnsafeCurrentTask { $0?.cancel() }
            let pages = ScanPassTests.Pages()
            let outcome = try await redis.scanPass(schedule: FixedScanCount(100), inHalves: inHalves, stopsWhenCancelled: false,
                                                   where: { _ in true }) { pages.add($0) }
            return (outcome, pages.returned)
        }

        #expect(try await stopping.value.completed == false)
        let (outcome, returned) = try await finishing.value
        #expect(outcome.completed)
        #expect(returned - outcome.duplicates == 20_000)
        #expect(try await redis.send("DBSIZE").int == 20_000)
        await server.stop()
    }
}
