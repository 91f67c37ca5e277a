import LockKit
import RedisClient

/// The guide's fallback lock: Redis first; when Redis is unreachable, a PostgreSQL advisory
/// lock; when that is unreachable too, an in-process lock. The lease says which tier it got.
///
/// It falls back only when a tier cannot be reached (connect, closed or timed-out
/// connections), never because the lock is held: a held lock is waited for on the tier
/// that answered. Each attempt starts again at Redis, so it returns to the strongest tier
/// as soon as that is back.
///
/// Use it where stopping the work is worse than a weaker lock for a while. Mind what that
/// means: processes on different tiers do not exclude each other (one that still reaches
/// Redis and one that only reaches PostgreSQL can both hold "the" lock), and the process
/// tier excludes nothing outside this process. Check `FallbackLease.tier` before work that
/// must never overlap, or use `Redlock` with `SafeMode` instead.
public struct FallbackLock: Sendable {
    /// The first tier.
    public let redis: DistributedLock
    /// nil to skip the database tier.
    public let database: PostgresAdvisoryLock?
    /// The last tier; shared per process by default so every `FallbackLock` here excludes the others.
    public let process: ProcessLocalLock
    /// Spacing of retries while waiting.
    public var backoff: Backoff

    /// A fallback lock over the given tiers; each tier's lock keeps its own connection.
    public init(redis: DistributedLock, database: PostgresAdvisoryLock?, process: ProcessLocalLock = .shared,
                backoff: Backoff = .fixed(.milliseconds(50))) {
        self.redis = redis
        self.database = database
        self.process = process
        self.backoff = backoff
    }

    /// A fallback lock over a Redis connection and, when given, a PostgreSQL connection string
    /// (its own session, opened on first use).
    public init(connection: RedisConnection, postgres connectionString: String?, schema: KeySchema = .default) {
        self.init(redis: DistributedLock(connection: connection, schema: schema),
                  database: connectionString.map { PostgresAdvisoryLock(connectionString: $0, schema: schema) })
    }

    /// One attempt, strongest reachable tier first: the lease, or nil when the first
    /// reachable tier says another owner holds the lock.
    public func tryAcquire(_ resource: String, ttl: Duration) async throws(LockError) -> FallbackLease? {
        var degradations: [String] = []
        do {
            guard let lease = try await redis.tryAcquire(resource, ttl: ttl) else { return nil }
            return FallbackLease(tier: .redis, lease: lease, degradations: [])
        } catch {
            guard case .redis(let failure) = error, failure.isConnectionLoss else { throw error }
            degradations.append("redis: \(failure.description)")
        }
        if let database {
            do {
                guard let lease = try await database.tryAcquire(resource, ttl: ttl) else { return nil }
                return FallbackLease(tier: .database, lease: lease, degradations: degradations)
            } catch {
                // A query the server refuses is as good as no server for a lock: fall through.
                degradations.append("database: \(error.description)")
            }
        }
        guard let lease = try await process.tryAcquire(resource, ttl: ttl) else { return nil }
        return FallbackLease(tier: .process, lease: lease, degradations: degradations)
    }

    /// Retries until some tier gives the lock, or `wait` has passed (then `LockError.timeout`).
    public func acquire(_ resource: String, ttl: Duration, wait: Duration) async throws(LockError) -> FallbackLease {
        try await retryUntilAcquired(key: redis.schema.lock(resource), wait: wait, backoff: backoff) { () async throws(LockError) in
            try await tryAcquire(resource, ttl: ttl)
        }
    }

    /// Runs `body` under the lock and always releases it; `body` sees the tier it got.
    /// Throws `LockError.notHeld` after `body` if the lease was lost meanwhile.
    public func withLock<T: Sendable>(
        _ resource: String,
        ttl: Duration,
        wait: Duration,
        _ body: (FallbackLease) async throws -> T
    ) async throws -> T {
        let lease = try await acquire(resource, ttl: ttl, wait: wait)
        return try await runHolding(lease, key: lease.lease.key, release: { try await $0.release() }, body)
    }
}
