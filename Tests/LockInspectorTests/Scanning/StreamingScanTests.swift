import Foundation
@testable import LockInspector
import RedisClient
import Synchronization
import TestSupport
import Testing

/// The first scan hands out what it found so far (the dashboard's first screen of a large keyspace).
@Suite struct StreamingScanTests {
    @Test func partialSnapshotsAreSortedPartsOfTheFinalOne() async throws {
        try await withRedis { _, redis in
            let count = 20_000
            var index = 0
            while index < count {
                let batch = index..<min(count, index + 5000)
                _ = try await redis.pipeline(batch.map { RedisCommand("SET", "lock:{job:\($0)}", "1700000000000-h-1-0badc0de", "PX", 600_000) })
                index = batch.upperBound
            }
            let partials = Mutex<[Snapshot]>([])
            let scanner = KeyspaceScanner(connection: redis, options: ScanOptions(count: 100, maximumCount: 100))
            let final = try await scanner.scan(partialAfter: .zero) { partial in partials.withLock { $0.append(partial) } }
            #expect(final.locks.count == count)
            let finalKeys = Set(final.locks.map(\.key))
            var previous = 0
            for partial in partials.withLock({ $0 }) {
                let keys = partial.locks.map(\.key)
                #expect(Set(keys).isSubset(of: finalKeys))
                #expect(zip(keys, keys.dropFirst()).allSatisfy { KeyOrder.precedes($0, $1) }, "sorted as a snapshot is")
                #expect(keys.count >= previous, "each partial holds everything the one before did")
                previous = keys.count
            }
            let plain = try await KeyspaceScanner(connection: redis).scan()
            #expect(plain.locks.map(\.key) == final.locks.map(\.key))
        }
    }

    @Test func partialsStopOnceOneHoldsTheLimit() async throws {
        try await withRedis { _, redis in
            _ = try await redis.pipeline((0..<3000).map { RedisCommand("SET", "lock:{job:\($0)}", "1700000000000-h-1-0badc0de", "PX", 600_000) })
            let partials = Mutex<[Int]>([])
            let scanner = KeyspaceScanner(connection: redis, options: ScanOptions(count: 100, maximumCount: 100))
            let final = try await scanner.scan(partialAfter: .zero, partialLimit: 300) { partial in
                partials.withLock { $0.append(partial.locks.count) }
            }
            #expect(final.locks.count == 3000)
            let counts = partials.withLock { $0 }
            #expect(counts.dropLast().allSatisfy { $0 < 300 }, "\(counts)")
        }
    }
}
