import Foundation
import LockKit
import RedisClient

/// The fixed examples `locktop demo` plants before its scenarios start: a healthy lock, a
/// queue with waiters, and the troubles an operator comes to find (a lock with no TTL, a
/// saga stuck compensating, a queue whose only waiter died).
public enum DemoSeed {
    /// Writes the examples into the (empty) server at `endpoint`.
    public static func plant(in endpoint: RedisEndpoint) async throws {
        let redis = try await RedisConnection.connect(to: endpoint, options: RedisConnectionOptions(clientName: "locktop-demo"))
        let schema = KeySchema.default
        let now = Date()
        let nowMillis = Int64(now.timeIntervalSince1970 * 1000)

        // A healthy lock taken the LockKit way: its TTL counts down on screen.
        let locks = DistributedLock(connection: redis)
        _ = try await locks.tryAcquire("coupon:123", ttl: .seconds(90))

        // A priority queue: one holder, two waiters (priority 1 before 5), in LockKit's layout.
        let holder = OwnerToken.generate(host: "worker-a", pid: 4101, now: now)
        try await redis.send("SET", schema.lock("job:report"), holder.value, "PX", 120_000)
        let waiters = [(OwnerToken.generate(host: "worker-b", pid: 4102, now: now), 1),
                       (OwnerToken.generate(host: "worker-c", pid: 4103, now: now), 5)]
        for (arrival, (token, priority)) in waiters.enumerated() {
            let score = String(format: "%.0f", Double(priority) * 1e13 + Double(arrival + 1))
            try await redis.send("ZADD", schema.queue("job:report"), score, token.value)
            // A heartbeat deadline far ahead, so the waiters do not look dead while the demo runs.
            try await redis.send("ZADD", schema.queueDeadlines("job:report"), nowMillis + 3_600_000, token.value)
        }
        try await redis.send("SET", schema.queueArrivals("job:report"), waiters.count)

        // A dead waiter: its heartbeat deadline passed long ago and nobody holds the lock, so
        // the queue can only move once someone removes it (`x` in the Queues view).
        let dead = OwnerToken.generate(host: "worker-d", pid: 4104, now: now.addingTimeInterval(-600))
        try await redis.send("ZADD", schema.queue("export:nightly"), String(format: "%.0f", 3e13 + 1), dead.value)
        try await redis.send("ZADD", schema.queueDeadlines("export:nightly"), nowMillis - 540_000, dead.value)
        try await redis.send("SET", schema.queueArrivals("export:nightly"), 1)

        // A lock with no TTL: it can never expire, so the dashboard marks it.
        let stuck = OwnerToken.generate(host: "batch-7", pid: 911, now: now.addingTimeInterval(-3600))
        try await redis.send("SET", schema.lock("invoice:7"), stuck.value)

        // An order saga stuck compensating after its payment step failed.
        let steps: [(String, SagaStepRecord)] = [
            ("reserve-stock", SagaStepRecord(state: .compensated, attempt: 1, index: 0, updatedAt: nowMillis - 60_000)),
            ("charge-card", SagaStepRecord(state: .failed, attempt: 3, index: 1, error: "card declined", updatedAt: nowMillis - 45_000)),
            ("ship", SagaStepRecord(state: .pending, attempt: 0, index: 2, updatedAt: nowMillis - 90_000)),
        ]
        var fields: [any RedisArgument] = ["status", "compensating", "owner", OwnerToken.generate(host: "orders-1", pid: 2201, now: now).value,
                                           "updatedAt", nowMillis - 45_000]
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        for (name, record) in steps {
            fields += [name, String(decoding: try encoder.encode(record), as: UTF8.self)]
        }
        try await redis.send(RedisCommand("HSET", arguments: [schema.saga("order", "1")] + fields))
        await redis.close()
    }
}
