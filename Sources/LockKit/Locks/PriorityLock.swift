import RedisClient

/// The guide's priority lock: waiters queue in `lock:queue:{resource}` and only the head
/// of the queue may take the lock, so it goes by priority (1 first .. 10 last), then arrival.
///
/// Unlike the guide, a waiter that crashes cannot wedge the queue: every waiter renews a
/// heartbeat deadline (`lock:queue:deadlines:{resource}`) each time it looks, and entries
/// past their deadline are dropped by whoever looks next. A waiter that was only slow (its
/// process descheduled past its lease) is not punished for it: it rejoins at the place it
/// had, and its next leases grow with the gaps between its own looks. A waiter that times
/// out or is cancelled leaves the queue. Releases wake waiters through `ReleaseNotifications`, with a
/// safety timer behind them. Use it when waiters must be served fairly or by importance.
public struct PriorityLock: ResourceLock, LeaseKeeper {
    /// Valid priorities: 1 is served first.
    public static let priorities = 1...10

    /// Releases and extends leases; its releases publish on the release channel.
    public private(set) var base: DistributedLock
    public let notifications: ReleaseNotifications
    /// The priority of `acquire(_:ttl:wait:)`.
    public var defaultPriority: Int
    /// Longest sleep without news before a waiter looks again (and heartbeats).
    public var safetyInterval: Duration
    /// How long a queued waiter may go without a heartbeat before others drop it as dead, at
    /// least; a waiter whose own looks come further apart than a third of it asks for more.
    public var waiterLease: Duration

    /// `notifications` must watch the same Redis as `connection` (see `ReleaseNotifications.shared(for:)`).
    public init(connection: RedisConnection, notifications: ReleaseNotifications, schema: KeySchema = .default,
                defaultPriority: Int = 5, fenced: Bool = false,
                safetyInterval: Duration = .milliseconds(200), waiterLease: Duration = .seconds(5)) {
        base = DistributedLock(connection: connection, schema: schema, fenced: fenced, publishesReleases: true)
        self.notifications = notifications
        self.defaultPriority = defaultPriority
        self.safetyInterval = safetyInterval
        self.waiterLease = waiterLease
    }

    public var connection: RedisConnection { base.connection }
    public var schema: KeySchema { base.schema }

    /// Takes the lock only if it is free and nobody is queued for it (no jumping the queue).
    public func tryAcquire(_ resource: String, ttl: Duration) async throws(LockError) -> LockLease? {
        try DistributedLock.validate(ttl: ttl)
        try await ScriptingRequirement.check(connection, pattern: "PriorityLock")
        let token = OwnerToken.generate()
        let started = ContinuousClock.now
        let reply = try await attempt(PriorityLockScripts.tryAcquire, resource, token: token, ttl: ttl, priority: defaultPriority)
        guard case .acquired(let fence) = reply else { return nil }
        return lease(resource, token: token, fence: fence, started: started, ttl: ttl)
    }

    /// Waits in the queue with `defaultPriority`.
    public func acquire(_ resource: String, ttl: Duration, wait: Duration) async throws(LockError) -> LockLease {
        try await acquire(resource, priority: defaultPriority, ttl: ttl, wait: wait)
    }

    /// Waits in the queue with `priority` (1 first .. 10 last) until it is this waiter's turn.
    public func acquire(_ resource: String, priority: Int, ttl: Duration, wait: Duration) async throws(LockError) -> LockLease {
        try DistributedLock.validate(ttl: ttl)
        guard Self.priorities.contains(priority) else { throw .invalidArgument("priority must be in 1...10, got \(priority)") }
        try await ScriptingRequirement.check(connection, pattern: "PriorityLock")
        guard safetyInterval > .zero, waiterLease > .zero else {
            throw .invalidArgument("safetyInterval and waiterLease must be positive, got \(safetyInterval) and \(waiterLease)")
        }
        // One token for the whole wait: it is the queue member, and a retry recognises a lock
        // that an attempt whose reply was lost had taken.
        let token = OwnerToken.generate()
        // Heartbeats come at least three times per lease, so one slow round trip is not death.
        let recheck = min(safetyInterval, waiterLease / 3)
        var pace = HeartbeatPace(minimumLease: waiterLease)
        var arrival: Int?
        do {
            return try await notifications.acquireWhenReleased(
                key: schema.lock(resource), channel: schema.releaseChannel(resource), token: token.value,
                wait: wait, recheckEvery: recheck
            ) { () async throws(LockError) -> LockAttempt in
                let started = ContinuousClock.now
                let reply = try await attempt(PriorityLockScripts.attempt, resource, token: token, ttl: ttl, priority: priority,
                                              waiterLease: pace.lease(lookingAt: started), arrival: arrival)
                arrival = reply.arrival ?? arrival
                guard case .acquired(let fence) = reply else { return .held(holderTTL: reply.holderTTL) }
                return .acquired(lease(resource, token: token, fence: fence, started: started, ttl: ttl))
            }.lease
        } catch {
            // Best effort: if this fails too, the entry's heartbeat deadline removes it.
            _ = try? await run(PriorityLockScripts.leave, resource, token: token, ttl: ttl, priority: priority)
            throw error
        }
    }

    private func attempt(_ script: RedisScript, _ resource: String, token: OwnerToken, ttl: Duration,
                         priority: Int, waiterLease: Duration? = nil, arrival: Int? = nil) async throws(LockError) -> AttemptReply {
        let reply = try await run(script, resource, token: token, ttl: ttl, priority: priority, waiterLease: waiterLease, arrival: arrival)
        return try AttemptReply(reply, endpoint: connection.endpoint.description, script: script.name)
    }

    private func run(_ script: RedisScript, _ resource: String, token: OwnerToken, ttl: Duration,
                     priority: Int, waiterLease: Duration? = nil, arrival: Int? = nil) async throws(LockError) -> RESPValue {
        let keys = [schema.lock(resource), schema.queue(resource), schema.queueDeadlines(resource),
                    schema.queueArrivals(resource), schema.fence(resource)]
        let arguments: [any RedisArgument] = [token.value, ttl.wholeMilliseconds, priority,
                                              (waiterLease ?? self.waiterLease).wholeMilliseconds,
                                              base.fenced ? "1" : "0", schema.releaseChannel(resource), arrival ?? 0]
        do {
            return try await connection.run(script, keys: keys, arguments: arguments)
        } catch { throw .redis(error) }
    }

    private func lease(_ resource: String, token: OwnerToken, fence: Int, started: ContinuousClock.Instant, ttl: Duration) -> LockLease {
        LockLease(resource: resource, key: schema.lock(resource), token: token,
                  fencingToken: base.fenced ? FencingToken(Int64(fence)) : nil,
                  acquiredAt: started, validUntil: started + ttl, keeper: self)
    }

    // MARK: - LeaseKeeper

    /// Releases and wakes exactly the new head of the queue (`next:<token>`), not every waiter.
    public func release(_ lease: LockLease) async throws(LockError) -> Bool {
        try await run(PriorityLockScripts.release, lease.resource, token: lease.token, ttl: .milliseconds(1), priority: defaultPriority).int == 1
    }

    public func renew(_ lease: LockLease, to ttl: Duration) async throws(LockError) -> Duration? { try await base.renew(lease, to: ttl) }

    public func extend(_ lease: LockLease, by extra: Duration) async throws(LockError) -> Duration? { try await base.extend(lease, by: extra) }

    public var renewalExecutor: (any TaskExecutor)? { base.renewalExecutor }
}
