import RedisClient

/// The guide's priority lock on `FairLock`'s hand-over: waiters queue in `lock:queue:{resource}`
/// by priority (1 first .. 10 last), then arrival, and the holder's release hands the lock to
/// the head of the queue inside Redis and wakes that waiter alone.
///
/// Unlike the guide, a waiter that crashes cannot wedge the queue, and nobody sweeps it: the
/// hand-over drops a waiter nobody listens for any more (its process died, or it gave up), and
/// a granted waiter that stalls loses the grant after `grantTTL`. A waiter that was only slow
/// keeps its place: if it lost a grant it rejoins with its old arrival number. A waiter that
/// times out or is cancelled leaves the queue. Use it when waiters must be served fairly or
/// by importance. Needs Lua.
public struct PriorityLock: ResourceLock, LeaseKeeper {
    /// Valid priorities: 1 is served first.
    public static let priorities = 1...10

    /// The hand-over lock underneath: it queues, grants, confirms and releases.
    public private(set) var base: FairLock
    /// The priority of `acquire(_:ttl:wait:)`.
    public var defaultPriority: Int

    /// `notifications` must watch the same Redis as `connection` (see `ReleaseNotifications.shared(for:)`).
    public init(connection: RedisConnection, notifications: ReleaseNotifications, schema: KeySchema = .default,
                defaultPriority: Int = 5, fenced: Bool = false,
                safetyInterval: Duration = .milliseconds(200), grantTTL: Duration = .milliseconds(200)) {
        base = FairLock(connection: connection, notifications: notifications, schema: schema, fenced: fenced,
                        grantTTL: grantTTL, safetyInterval: safetyInterval)
        base.patternName = "PriorityLock"
        self.defaultPriority = defaultPriority
    }

    public var connection: RedisConnection { base.connection }
    public var notifications: ReleaseNotifications { base.notifications }
    public var schema: KeySchema { base.schema }
    /// Longest sleep without news before a waiter looks again (see `FairLock.safetyInterval`).
    public var safetyInterval: Duration {
        get { base.safetyInterval }
        set { base.safetyInterval = newValue }
    }

    /// Takes the lock only if it is free and nobody is queued for it (no jumping the queue).
    public func tryAcquire(_ resource: String, ttl: Duration) async throws(LockError) -> LockLease? {
        try await base.tryAcquire(resource, ttl: ttl)
    }

    /// Waits in the queue with `defaultPriority`.
    public func acquire(_ resource: String, ttl: Duration, wait: Duration) async throws(LockError) -> LockLease {
        try await acquire(resource, priority: defaultPriority, ttl: ttl, wait: wait)
    }

    /// Waits in the queue with `priority` (1 first .. 10 last) until the lock is handed over.
    public func acquire(_ resource: String, priority: Int, ttl: Duration, wait: Duration) async throws(LockError) -> LockLease {
        guard Self.priorities.contains(priority) else { throw .invalidArgument("priority must be in 1...10, got \(priority)") }
        return try await base.acquire(resource, priority: priority, ttl: ttl, wait: wait)
    }

    // MARK: - LeaseKeeper

    /// Releases and hands the lock to the new head of the queue (leases made here are `base`'s).
    public func release(_ lease: LockLease) async throws(LockError) -> Bool { try await base.release(lease) }

    public func renew(_ lease: LockLease, to ttl: Duration) async throws(LockError) -> Duration? { try await base.renew(lease, to: ttl) }

    public func extend(_ lease: LockLease, by extra: Duration) async throws(LockError) -> Duration? { try await base.extend(lease, by: extra) }

    public var renewalExecutor: (any TaskExecutor)? { base.renewalExecutor }
}
