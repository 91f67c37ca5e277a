import LockKit
import RedisClient
import TestSupport

/// The mutual-exclusion check every pattern must pass: `clients` clients, each on its own
/// connection (and so its own thread), do `increments` read-modify-write increments of a
/// plain Redis counter under the lock: GET, then SET (not INCR), so any overlap loses an
/// update. Returns the final counter; it must equal `clients * increments`.
func counterAfterContention(
    on server: RedisServer,
    resource: String,
    clients: Int = 16,
    increments: Int = 200,
    ttl: Duration = .seconds(10),
    wait: Duration = .seconds(120),
    makeLock: @escaping @Sendable (_ client: Int, _ connection: RedisConnection) async throws -> any ResourceLock
) async throws -> Int {
    let counterKey = "counter:{\(resource)}"
    try await withThrowingTaskGroup(of: Void.self) { group in
        for client in 0..<clients {
            group.addTask {
                let connection = try await server.connect()
                let lock = try await makeLock(client, connection)
                for _ in 0..<increments {
                    try await lock.withLock(resource, ttl: ttl, wait: wait) { _ in
                        let current = try await connection.send("GET", counterKey).int ?? 0
                        try await connection.send("SET", counterKey, current + 1)
                    }
                }
            }
        }
        try await group.waitForAll()
    }
    return try await server.connect().send("GET", counterKey).int ?? 0
}
