import Foundation
@testable import LockInspector
import LockKit
import RedisClient
import TestSupport
import Testing

/// The scan, the refresh of changed keys and the polling reread share one read-and-classify path.
@Suite struct KeyClassifierTests {
    @Test func aScanARefreshAndARereadClassifyEveryKeyAlike() async throws {
        try await withRedis { _, redis in
            let token = OwnerToken.generate(host: "web-1", pid: 9).value
            // No TTLs: a TTL read later would differ by the milliseconds between the reads.
            try await redis.send("SET", "lock:{a}", token)
            try await redis.send("ZADD", "lock:queue:{a}", 1e13 + 1, token)
            try await redis.send("HSET", "saga:order:{1}", "status", "running", "pay", #"{"attempt":1,"index":0,"state":"running","updatedAt":1}"#)
            try await redis.send("HSET", "orders:lock", "\(Tokens.redissonClient):1", 1)
            try await redis.send("SET", "lock:plain", "not-a-token")
            let scanner = KeyspaceScanner(connection: redis)
            let snapshot = try await scanner.scan()
            let keys = snapshot.keys
            #expect(keys.count == 5)

            let refreshed = try await scanner.refresh(keys)
            let reread = try await scanner.classifier.classify(keys)
            let asStrings = try await scanner.classifier.classify(keys, likelyStrings: true)
            for key in keys {
                let scanned = try #require(snapshot.entity(for: key))
                #expect(refreshed[key] == .some(scanned), "\(String(decoding: key, as: UTF8.self))")
                #expect(reread.first { $0.key == key } == scanned)
                #expect(asStrings.first { $0.key == key } == scanned)
            }
            try await redis.send("DEL", "lock:{a}")
            let gone = try await scanner.refresh([Array("lock:{a}".utf8)])
            #expect(gone[Array("lock:{a}".utf8)] == .some(nil))
        }
    }
}
