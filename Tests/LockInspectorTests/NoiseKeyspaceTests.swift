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
    /// `count` noise keys, deterministic, in the kinds above.
    static func noise(_ count: Int) -> [RedisCommand] {
        (0..<count).map { index in
            let hex = String(index, radix: 16)
            let padded = String(repeating: "0", count: max(0, 32 - hex.count)) + hex
            let uuid = "\(padded.prefix(8))-\(padded.dropFirst(8).prefix(4))-4\(padded.dropFirst(13).prefix(3))-a\(padded.dropFirst(17).prefix(3))-\(padded.suffix(12))"
            let base64 = Data(Array(padded.utf8).prefix(18)).base64EncodedString()
            switch index % 10 {
            case 0, 1: return RedisCommand("SET", "session:\(hex)", uuid, "EX", 1800 + index % 86_400)
            case 2: return RedisCommand("SET", "sess:\(hex)", padded, "EX", 3600)
            case 3: return RedisCommand("SET", "django.contrib.sessions.cache\(padded)", #"{"_auth_user_id":"\#(index)"}"#, "EX", 1_209_600)
            case 4, 5: return RedisCommand("SET", "cache:product:\(index)", #"{"id":\#(index),"name":"item","price":12.5}"#, "EX", 300)
            case 6: return RedisCommand("SET", "ratelimit:10.0.\(index % 256).\(index / 256 % 256):\(index % 60)", "\(index % 100)", "EX", 60)
            case 7: return RedisCommand("SET", "csrf:\(hex)", base64, "EX", 3600)
            case 8: return RedisCommand("SET", "otp:user:\(index)", String(format: "%06d", index % 1_000_000), "EX", 300)
            default: return RedisCommand("SET", "app:releases:\(index):artifact", uuid, "EX", 7200)
            }
        }
    }

    @Test func oneHundredThousandNoiseKeysWithTTLsAreNeverLocks() async throws {
        try await withRedis { _, redis in
            let commands = Self.noise(100_000)
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
