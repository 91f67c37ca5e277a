import Foundation
@testable import LockInspector
import LockKit
import RedisClient
import TestSupport
import Testing

/// `locktop discover` against a real keyspace: documented layouts, token locks named after
/// their resources, and noise.
@Suite struct DiscoveryTests {
    @Test func everyLockIsFoundInItsGroupAndNoNoiseIsCalledALock() async throws {
        try await withRedis { _, redis in
            var commands: [RedisCommand] = []
            for index in 0..<200 {
                commands.append(RedisCommand("SET", "lock:{coupon:\(index)}", OwnerToken.generate(host: "web-1", pid: 7).value, "PX", 60_000))
                commands.append(RedisCommand("SET", "orders:\(index)", UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased(),
                                             "PX", 30_000 + index * 100))
                commands.append(RedisCommand("HSET", "user:\(index)", "name", "n\(index)"))
            }
            commands += NoiseKeyspace.commands(2_000)
            _ = try await redis.pipeline(commands)

            let report = try await Discovery(connection: redis).run()

            #expect(report.scannedKeys == 2_600)
            let coupons = try #require(report.groups.first { $0.pattern == "lock:{coupon:*}" })
            #expect(coupons.family == .locktop && coupons.count == 200 && coupons.confidence == .lock)
            let orders = try #require(report.groups.first { $0.pattern == "orders:*" })
            #expect(orders.family == .tokenHex32 && orders.count == 200 && orders.confidence == .lock)
            #expect(orders.ttlRange.map { $0.upperBound <= 50 && $0.lowerBound > 0 } == true)
            // Noise with token values is there, but only as possible.
            let noise = report.groups.filter { !["lock:{coupon:*}", "orders:*"].contains($0.pattern) }
            #expect(!noise.isEmpty && noise.allSatisfy { $0.confidence == .possible }, "\(noise.map { "\($0.pattern) \($0.confidence)" })")
            #expect(report.lockPatterns == ["lock:{coupon:*}", "orders:*"])
            // The users, caches, rate limits and one-time codes were sampled, never read in full.
            #expect(report.readKeys < 2_600 - 200 - 200 - 200)
            #expect(report.table().contains("orders:*"))
        }
    }
}

/// The live feed switches to the patterns discovery found.
@Suite struct FollowPatternsTests {
    @Test func aFeedFollowsNewPatternsFromTheNextScan() async throws {
        try await withRedis { server, redis in
            try await redis.send("SET", "orders:42", "0f1e2d3c4b5a49788796a5b4c3d2e1f0", "PX", 60_000)
            var options = FeedOptions()
            options.refreshInterval = .milliseconds(100)
            let feed = LiveFeed(endpoint: server.endpoint, options: options)
            feed.start()
            defer { feed.stop() }
            var updates = feed.updates.makeAsyncIterator()
            let first = await updates.snapshot { _ in true }
            #expect(first?.locks.isEmpty == true)
            feed.follow(patterns: ["orders:*"])
            let followed = await updates.snapshot { !$0.locks.isEmpty }
            #expect(followed?.locks.map(\.family) == [.tokenHex32])
        }
    }
}
