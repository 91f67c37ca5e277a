import LockKit
import LockKitPostgres
import PostgresServerKit
import RedisClient
import TestSupport

/// A fallback lock with its own Redis connection and its own PostgreSQL session, as a
/// separate process would have, over a private process tier (so tests do not share one).
func fallbackLock(redis: RedisServer, postgres: PostgresServer, process: ProcessLocalLock = ProcessLocalLock()) async throws -> FallbackLock {
    FallbackLock(redis: DistributedLock(connection: try await redis.connectOnce()),
                 database: PostgresAdvisoryLock(connectionString: postgres.connectionString),
                 process: process)
}
