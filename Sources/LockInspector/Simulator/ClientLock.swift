import LockKit
import RedisClient

/// One client's lock of the simulated pattern, over connections of its own.
struct ClientLock: Sendable {
    /// Every connection the lock uses; the first is the one the client's loop runs on and checks with.
    let connections: [RedisConnection]
    /// Waits at most the given time for the lock on the simulated resource, held as asked.
    let acquire: @Sendable (_ wait: Duration, _ access: SectionAccess) async throws(LockError) -> LockLease
    /// How the next acquisition holds the lock (random for a read-write lock's clients).
    let nextAccess: @Sendable () -> SectionAccess

    var primary: RedisConnection { connections[0] }

    /// Client `index`'s lock: its own connection to each of `servers` (several only for Redlock).
    /// `notifications` is the run's release hub, for the notified and priority patterns.
    static func make(_ parameters: SimulationParameters, index: Int, schema: KeySchema, servers: [RedisEndpoint],
                     options: RedisConnectionOptions, notifications: ReleaseNotifications?) async throws(SimulationError) -> ClientLock {
        let resource = parameters.resource
        let ttl = parameters.ttl
        let pattern = parameters.pattern
        var connections: [RedisConnection] = []
        for endpoint in pattern == .redlock ? servers : [servers[0]] {
            do {
                connections.append(try await RedisConnection.connect(to: endpoint, options: options))
            } catch {
                throw .connect(endpoint: endpoint.description, underlying: error)
            }
        }
        let connection = connections[0]
        let acquire: @Sendable (Duration, SectionAccess) async throws(LockError) -> LockLease
        var nextAccess: @Sendable () -> SectionAccess = { .exclusive }
        switch pattern {
        case .simple:
            let lock = SimpleLock(connection: connection, schema: schema)
            acquire = { wait, _ async throws(LockError) in try await lock.acquire(resource, ttl: ttl, wait: wait) }
        case .distributed:
            let lock = DistributedLock(connection: connection, schema: schema)
            acquire = { wait, _ async throws(LockError) in try await lock.acquire(resource, ttl: ttl, wait: wait) }
        case .spin:
            let lock = SpinLock(connection: connection, schema: schema, backoff: .fixed(.milliseconds(10)))
            acquire = { wait, _ async throws(LockError) in try await lock.acquire(resource, ttl: ttl, wait: wait) }
        case .adaptive:
            let lock = SpinLock(connection: connection, schema: schema, backoff: Backoff.guideAdaptive)
            acquire = { wait, _ async throws(LockError) in try await lock.acquire(resource, ttl: ttl, wait: wait) }
        case .notified:
            let lock = NotifiedLock(connection: connection, notifications: try hub(notifications), schema: schema)
            acquire = { wait, _ async throws(LockError) in try await lock.acquire(resource, ttl: ttl, wait: wait) }
        case .priority:
            let lock = PriorityLock(connection: connection, notifications: try hub(notifications), schema: schema)
            let priority = parameters.priorities.priority(ofClient: index)
            acquire = { wait, _ async throws(LockError) in try await lock.acquire(resource, priority: priority, ttl: ttl, wait: wait) }
        case .fair:
            let lock = FairLock(connection: connection, notifications: try hub(notifications), schema: schema)
            acquire = { wait, _ async throws(LockError) in try await lock.acquire(resource, ttl: ttl, wait: wait) }
        case .redlock:
            // The servers are the run's own, never really unreachable: a per-server wait of 50 ms
            // (the guide's, for a network) let a stall of this machine cost a release its quorum
            // and stop the run; a twentieth of the TTL still leaves the lease most of its time.
            let lock = Redlock(connections: connections, schema: schema, backoff: .fixed(.milliseconds(10)),
                               perInstanceTimeout: max(.milliseconds(50), min(ttl / 20, .seconds(1))))
            acquire = { wait, _ async throws(LockError) in try await lock.acquire(resource, ttl: ttl, wait: wait) }
        case .rwlock:
            let lock = ReadWriteLock(connection: connection, notifications: try hub(notifications), schema: schema)
            let readShare = parameters.readShare
            nextAccess = { Double.random(in: 0..<1) < readShare ? .read : .exclusive }
            acquire = { wait, access async throws(LockError) in
                try await lock.acquire(resource, mode: access == .read ? .read : .write, ttl: ttl, wait: wait)
            }
        case .semaphore:
            let lock = Semaphore(connection: connection, notifications: try hub(notifications), permits: parameters.permits, schema: schema)
            nextAccess = { .permit }
            acquire = { wait, _ async throws(LockError) in try await lock.acquire(resource, ttl: ttl, wait: wait) }
        }
        return ClientLock(connections: connections, acquire: acquire, nextAccess: nextAccess)
    }

    private static func hub(_ notifications: ReleaseNotifications?) throws(SimulationError) -> ReleaseNotifications {
        // The run makes a hub for every pattern that waits for releases; missing one is a simulator bug.
        guard let notifications else { throw .invalidParameters("internal: no release notifications for a waiting pattern") }
        return notifications
    }

    /// Hangs up every connection (see `RedisConnection.hangUp`).
    func close() async {
        for connection in connections { await connection.hangUp() }
    }
}

extension SimulationPattern {
    /// Whether waiters sleep until a release is published (they need a subscriber).
    var waitsForReleases: Bool { [.notified, .priority, .fair, .rwlock, .semaphore].contains(self) }
}

extension RedisConnection {
    /// QUIT, then close: once QUIT is answered the server has dropped the client, so a
    /// `CLIENT LIST` right after the run no longer shows it (a bare close is noticed later).
    func hangUp() {
        _ = try? send("QUIT")
        close()
    }
}
