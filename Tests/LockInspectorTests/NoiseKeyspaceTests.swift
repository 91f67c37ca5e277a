import Foundation
@testable import LockInspector
import LockKit
import RedisClient
import TestSupport
import Testing

/// A keyspace of what applications keep beside their locks: sessions, caches, rate limits,
/// CSRF and one-time tokens, all with TTLs. Many values have a lock token's shape; none may
/// be called a lock, only `possible`.
@Suite struct NoiseKeyspaceTests {
    @Test func oneHundredThousandNoiseKeysWithTTLsAreNeverLocks() async throws {
        try await withRedis { _, redis in
            let commands = NoiseKeyspace.commands(100_000)
            var start = 0
            while start < commands.count {
                _ = try await redis.pipeline(Array(commands[start..<min(commands.count, start + 10_000)]))
                start += 10_000
            }
            let snapshot = try await KeyspaceScanner(connection: redis, options: ScanOptions(patterns: ["*"])).scan()
            #expect(snapshot.count == 100_000)
            let called = snapshot.locks.filter { $0.confidence == .lock }
            #expect(called.isEmpty, "\(called.prefix(5).map { String(decoding: $0.key, as: UTF8.self) })")
            // The sessions, CSRF tokens and release ids have token shapes: listed, but only as possible.
            #expect(snapshot.locks.count == 50_000)
            #expect(Set(snapshot.locks.map(\.family)) == [.tokenUUID, .tokenHex32, .tokenBase64])
        }
    }
}
