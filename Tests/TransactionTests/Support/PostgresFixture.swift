import LockKit
import PostgresServerKit
import RedisClient
import TestSupport

/// A Redis connection that gives up at once when the server is gone, so a stopped server
/// shows as unreachable in one attempt instead of after the reconnect backoff.
func connectOnce(_ server: RedisServer, commandTimeout: Duration = .seconds(2)) async throws -> RedisConnection {
    try await server.connect(commandTimeout: commandTimeout, reconnect: ReconnectPolicy(attemptsPerCommand: 1))
}

/// A fallback lock with its own Redis connection and its own PostgreSQL session, as a
/// separate process would have, over a private process tier (so tests do not share one).
func fallbackLock(redis: RedisServer, postgres: PostgresServer, process: ProcessLocalLock = ProcessLocalLock()) async throws -> FallbackLock {
    FallbackLock(redis: DistributedLock(connection: try await connectOnce(redis)),
                 database: PostgresAdvisoryLock(connectionString: postgres.connectionString),
                 process: process)
}
