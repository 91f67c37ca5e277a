import Foundation
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
    try await counterAfterContention(connect: { try await server.connect() }, resource: resource, clients: clients,
                                     increments: increments, ttl: ttl, wait: wait, makeLock: makeLock)
}

/// The same, with connections made by `connect` (a cluster's, say).
func counterAfterContention(
    connect: @escaping @Sendable () async throws -> RedisConnection,
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
                let connection = try await connect()
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
    return try await connect().send("GET", counterKey).int ?? 0
}

/// Increments per client in the contention tests that run on every server setup: 200 on
/// Redis with Lua (as before), 20 on the other setups in `make test` (16 contention runs at
/// once on two cores must stay within its time); `LOCKTOP_CONTENTION_INCREMENTS=625` makes
/// 16 x 625 = 10,000 acquisitions per pattern and setup (the figure the README reports).
func contentionIncrements(_ setup: ServerSetup) -> Int {
    ProcessInfo.processInfo.environment["LOCKTOP_CONTENTION_INCREMENTS"].flatMap { Int($0) } ?? (setup == .redis ? 200 : 20)
}
