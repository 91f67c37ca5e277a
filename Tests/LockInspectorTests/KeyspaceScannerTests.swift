import Foundation
@testable import LockInspector
import LockKit
import RedisClient
import TestSupport
import Testing

/// Real scans of keyspaces written by LockKit and by hand, against a real redis-server.
@Suite struct ScannerTests {
    @Test(arguments: ServerSetup.bothKinds)
    func locksTakenByLockKitAreRecognisedWithOwnerAndTTL(on setup: ServerSetup) async throws {
        try await withRedis(setup) { _, redis in
            let plain = try #require(try await DistributedLock(connection: redis).tryAcquire("coupon:1", ttl: .seconds(60)))
            let fenced = try #require(try await DistributedLock(connection: redis, fenced: true).tryAcquire("file:7", ttl: .seconds(60)))
            let guide = try #require(try await DistributedLock(connection: redis, schema: .guide).tryAcquire("order:9", ttl: .seconds(60)))
            try await redis.send("SET", "lock:legacy", "1700000000000-0.8123")

            let snapshot = try await KeyspaceScanner(connection: redis, options: ScanOptions(), recognition: .standard).scan()

            for (key, resource) in [("lock:{coupon:1}", "coupon:1"), ("lock:{file:7}", "file:7"), ("lock:order:9", "order:9")] {
                let lock = try #require(Records.lock(snapshot[key]), "\(key)")
                #expect(lock.family == .locktop)
                #expect(lock.kind == .mutex)
                #expect(lock.resource == resource)
                #expect(lock.owners.first?.host == OwnerToken.hostName)
                #expect(lock.owners.first?.pid == getpid())
                #expect(Self.isRemaining(lock.ttl, atMost: .seconds(60)))
            }
            #expect(Records.lock(snapshot["lock:{coupon:1}"])?.rawToken == Array(plain.token.value.utf8))
            #expect(Records.lock(snapshot["lock:{file:7}"])?.owners.first?.token == fenced.token.value)
            #expect(Records.lock(snapshot["lock:order:9"])?.owners.first?.token == guide.token.value)
            #expect(Records.auxiliary(snapshot["lock:fence:{file:7}"])?.role == "fencing counter")
            #expect(Records.lock(snapshot["lock:legacy"])?.family == .guide)
            #expect(Records.lock(snapshot["lock:legacy"])?.ttl == .noExpiry)
        }
    }

    @Test func aPriorityLockWaiterShowsInItsQueue() async throws {
        try await withRedis { server, redis in
            let hub = try ReleaseNotifications(endpoint: server.endpoint)
            let holder = try #require(try await PriorityLock(connection: redis, notifications: hub).tryAcquire("job", ttl: .seconds(60)))
            let waiterLock = PriorityLock(connection: try await server.connect(), notifications: hub)
            let waiter = Task { try await waiterLock.acquire("job", priority: 3, ttl: .seconds(10), wait: .seconds(60)) }
            try await waitUntil("the waiter queued") { try await redis.send("ZCARD", "lock:queue:{job}").int == 1 }

            let snapshot = try await KeyspaceScanner(connection: redis).scan()

            let queue = try #require(Records.queue(snapshot["lock:queue:{job}"]))
            #expect(queue.family == .locktop)
            #expect(queue.resource == "job")
            #expect(queue.count == 1)
            #expect(OwnerToken(value: queue.waiters.first?.member ?? "").parts?.pid == getpid())
            #expect(Records.lock(snapshot["lock:{job}"])?.owners.first?.token == holder.token.value)
            #expect(Records.auxiliary(snapshot["lock:queue:arrivals:{job}"])?.role == "queue arrival counter")

            #expect(try await holder.release())
            #expect(try await waiter.value.release())
            hub.stop()
        }
    }

    @Test func hugeKeysAreScannedWithinTheReadCaps() async throws {
        try await withRedis { _, redis in
            try await redis.send("SET", "lock:big", Array(repeating: UInt8(ascii: "x"), count: 1 << 20))
            let pairs = (0..<10_000).flatMap { ["f\($0)", "v\($0)"] }
            try await redis.send(RedisCommand("HSET", arguments: ["lock:hash"] + pairs))
            let members = (0..<10_000).flatMap { [String($0), "m\($0)"] }
            try await redis.send(RedisCommand("ZADD", arguments: ["lock:queue:{x}"] + members))
            try await redis.send(RedisCommand("RPUSH", arguments: ["lock:list"] + (0..<10_000).map { "e\($0)" }))
            try await redis.send(RedisCommand("SADD", arguments: ["lock:set"] + (0..<10_000).map { "s\($0)" }))
            for index in 0..<100 { try await redis.send("XADD", "events:order:{1}", "*", "type", "step\(index)") }
            let longName = "lock:" + String(repeating: "n", count: 10_000)
            try await redis.send("SET", longName, Tokens.pythonRedisLock, "PX", 60_000)

            let probe = ReadProbe()
            let caps = ReadCaps()
            let scanner = KeyspaceScanner(connection: redis, options: ScanOptions(caps: caps),
                                  recognition: Recognition(recognizers: [probe] + Recognition.standard.recognizers))
            let snapshot = try await scanner.scan()

            #expect(Set(probe.all.map(\.key)).count == 7)
            for seen in probe.all {
                #expect(seen.readItems <= ReadProbe.cap(of: seen.type, caps), "\(String(decoding: seen.key.prefix(20), as: UTF8.self))")
            }
            let queue = try #require(Records.queue(snapshot["lock:queue:{x}"]))
            #expect(queue.count == 10_000)
            #expect(queue.waiters.count == caps.zsetMembers)
            #expect(queue.waiters.first?.member == "m0")
            #expect(Records.lock(snapshot[longName])?.family == .pythonRedisLock)
            #expect(Records.lock(snapshot[longName])?.resource.count == 10_000)
            guard case .stream(let stream)? = snapshot["events:order:{1}"] else {
                Issue.record("the stream was not recognised")
                return
            }
            #expect(stream.length == 100)
            #expect(stream.latest.count == caps.streamEntries)
            #expect(Records.isUnknown(snapshot["lock:big"]))
            #expect(Records.isUnknown(snapshot["lock:hash"]))
        }
    }

    @Test func binaryKeyNamesComeBackByteForByte() async throws {
        try await withRedis { _, redis in
            let held: [UInt8] = Array("lock:".utf8) + [0x00, 0xFF, 0xC3, 0x28, 0x0A, 0x1B]
            let junk: [UInt8] = Array("lock:".utf8) + [0xED, 0xA0, 0x80, 0xF8]
            try await redis.send("SET", held, Tokens.pythonRedisLock, "PX", 60_000)
            try await redis.send("SET", junk, [0xFF, 0x00, 0xFE])
            try await redis.send("SET", "not-watched", "x")

            let snapshot = try await KeyspaceScanner(connection: redis).scan()

            #expect(Records.lock(snapshot.entity(for: held))?.key == held)
            #expect(Records.lock(snapshot.entity(for: held))?.family == .pythonRedisLock)
            #expect(Records.isUnknown(snapshot.entity(for: junk)))
            #expect(snapshot["not-watched"] == nil)
            #expect(snapshot.scannedKeys == 3)
        }
    }

    static func isRemaining(_ ttl: LockTTL, atMost limit: Duration) -> Bool {
        guard case .remaining(let left) = ttl else { return false }
        return left > .zero && left <= limit
    }
}

/// A keyspace scanned in two halves reads as the same snapshot as one scanned in one chain.
@Suite struct ScannerHalvesTests {
    @Test func halvesAndOneChainGiveTheSameSnapshot() async throws {
        try await withRedis { _, redis in
            var batch: [RedisCommand] = []
            for index in 0..<6000 {
                switch index % 100 {
                case 0: batch.append(RedisCommand("SET", "lock:{r\(index)}", "1764038400000-host-\(index)-0badcafe", "PX", 600_000))
                case 1: batch.append(RedisCommand("SET", "lock:legacy:\(index)", "1700000000000-0.8123"))
                case 2: batch.append(RedisCommand("ZADD", "lock:queue:{r\(index)}", index, "waiter\(index)"))
                default: batch.append(RedisCommand("SET", "data:\(index)", "v"))
                }
            }
            _ = try await redis.pipeline(batch)
            let chain = ScanOptions(count: 50, maximumCount: 50, halvesFromKeys: .max)
            let halves = ScanOptions(count: 50, maximumCount: 50, halvesFromKeys: 0)

            let one = try await KeyspaceScanner(connection: redis, options: chain).scan()
            let two = try await KeyspaceScanner(connection: redis, options: halves).scan()
            let matched = try await KeyspaceScanner(connection: redis, options: ScanOptions(patterns: ["lock:*"], count: 50, halvesFromKeys: 0)).scan()

            #expect(one.scannedKeys == 6000)
            #expect(two.scannedKeys == 6000)
            #expect(Set(two.keys) == Set(one.keys))
            #expect(one.locks.count == 120)
            #expect(two.locks.map(\.key) == one.locks.map(\.key))
            #expect(two.queues.map(\.key) == one.queues.map(\.key))
            #expect(matched.scannedKeys == 180)
            #expect(matched.locks.map(\.key) == one.locks.map(\.key))
        }
    }
}
