import RedisClient

/// A lock that is fair and fast at once: waiters queue in arrival order, and the holder's
/// release hands the lock to the head of the queue inside Redis, then wakes that waiter
/// alone. Nobody races for the lock and nobody is woken for nothing: a hand-over costs the
/// release's round trip, one pub/sub message and the new holder's confirmation.
///
/// How it stays live without a wall-clock guess:
/// - A grant (the head's token in `lock:{resource}`) lives only `grantTTL` until its waiter
///   confirms it, which turns it into the full TTL. A granted waiter that died or stalls
///   loses it then, and whichever waiter looks next (on its safety timer, paced by the
///   grant's remaining TTL) hands the lock on. A stalled waiter that wakes later finds the
///   grant gone and queues again with its old arrival number: it never holds the lock late.
/// - A waiter listens on its process's grant channel (`KeySchema.grantChannel`) from before
///   it queues until its wait ends. The release's PUBLISH counts the listeners, so a waiter
///   whose process died (its connections closed with it) or that gave up is dropped on the
///   hand-over path itself; a waiter that gives up also leaves the queue at once.
///
/// Mixed with `DistributedLock` (or any `SET NX` client) on the same resource, exclusion
/// holds: both take the lock only with `SET NX` on the same key, and a grant is a value in
/// that key. Fairness does not: racing clients jump the queue, and their releases hand
/// nothing over, so the queue's head notices on its safety timer.
///
/// On a Redis Cluster PUBLISH counts only the node's own listeners, so there every waiter is
/// granted in turn and a dead one costs its `grantTTL` instead of being skipped at once.
///
/// Use it when many clients contend and each must get its turn, without paying for it in
/// throughput. Needs Lua.
public struct FairLock: ResourceLock, LeaseKeeper {
    public let connection: RedisConnection
    public let notifications: ReleaseNotifications
    public let schema: KeySchema
    /// Return a `FencingToken` with each acquisition (one INCR in the taking or confirming script).
    public var fenced: Bool
    /// How long a grant waits for its waiter's confirmation before the lock goes on.
    public var grantTTL: Duration
    /// Longest sleep without news before a waiter looks again: the safety net for a lost
    /// message, a dead grant or a racing client's release.
    public var safetyInterval: Duration
    /// The name a refusal (no Lua) gives: a `PriorityLock` runs on this one.
    var patternName = "FairLock"

    /// `notifications` must watch the same Redis as `connection` (see `ReleaseNotifications.shared(for:)`).
    public init(connection: RedisConnection, notifications: ReleaseNotifications, schema: KeySchema = .default,
                fenced: Bool = false, grantTTL: Duration = .milliseconds(200), safetyInterval: Duration = .milliseconds(200)) {
        self.connection = connection
        self.notifications = notifications
        self.schema = schema
        self.fenced = fenced
        self.grantTTL = grantTTL
        self.safetyInterval = safetyInterval
    }

    /// Takes the lock only if it is free and nobody is queued for it (no jumping the queue).
    public func tryAcquire(_ resource: String, ttl: Duration) async throws(LockError) -> LockLease? {
        try DistributedLock.validate(ttl: ttl)
        try await ScriptingRequirement.check(connection, pattern: patternName)
        await ConnectionNaming.ensure(connection)
        let token = OwnerToken.generate()
        let started = ContinuousClock.now
        guard case .acquired(let fence) = try await attempt(HandOverScripts.tryAcquire, resource, token: token, ttl: ttl) else { return nil }
        return lease(resource, token: token, fence: fence, started: started, ttl: ttl)
    }

    /// Queues in arrival order and waits until the lock is handed over (or `wait` passes).
    public func acquire(_ resource: String, ttl: Duration, wait: Duration) async throws(LockError) -> LockLease {
        try await acquire(resource, priority: 0, ttl: ttl, wait: wait)
    }

    /// The same with a priority: the queue serves lower numbers first, then arrival.
    func acquire(_ resource: String, priority: Int, ttl: Duration, wait: Duration) async throws(LockError) -> LockLease {
        try DistributedLock.validate(ttl: ttl)
        guard grantTTL > .zero, safetyInterval > .zero else {
            throw .invalidArgument("grantTTL and safetyInterval must be positive, got \(grantTTL) and \(safetyInterval)")
        }
        try await ScriptingRequirement.check(connection, pattern: patternName)
        // The wait runs on the connection's thread: a grant message resumes it there and its
        // confirmation needs no further hop, which shortens every hand-over.
        return try await withTaskExecutorPreference(connection.executor) { () async throws(LockError) -> LockLease in
            try await waitForHandOver(resource, priority: priority, ttl: ttl, wait: wait)
        }
    }

    /// The waiters queued now, first in line first.
    public func queuedWaiters(_ resource: String) async throws(LockError) -> [QueuedWaiter] {
        try await QueuedWaiter.read(schema.queue(resource), on: connection)
    }

    func attempt(_ script: RedisScript, _ resource: String, token: OwnerToken, ttl: Duration,
                 priority: Int = 0, arrival: Int = 0) async throws(LockError) -> AttemptReply {
        let reply = try await run(script, resource, token: token, ttl: ttl, priority: priority, arrival: arrival)
        return try AttemptReply(reply, endpoint: connection.endpoint.description, script: script.name)
    }

    func run(_ script: RedisScript, _ resource: String, token: OwnerToken, ttl: Duration,
             priority: Int = 0, arrival: Int = 0) async throws(LockError) -> RESPValue {
        let keys = [schema.lock(resource), schema.queue(resource), schema.queueArrivals(resource), schema.fence(resource)]
        let arguments: [any RedisArgument] = [token.value, ttl.wholeMilliseconds, grantTTL.wholeMilliseconds,
                                              schema.grantChannel(resource, process: ""), fenced ? "1" : "0", priority, arrival,
                                              connection.endpoint.isCluster ? "0" : "1"]
        do {
            return try await connection.run(script, keys: keys, arguments: arguments)
        } catch { throw .redis(error) }
    }

    /// A lease this lock keeps, valid for `ttl` from when its attempt was sent.
    func lease(_ resource: String, token: OwnerToken, fence: Int?, started: ContinuousClock.Instant, ttl: Duration) -> LockLease {
        LockLease(resource: resource, key: schema.lock(resource), token: token,
                  fencingToken: fenced ? fence.map { FencingToken(Int64($0)) } : nil,
                  acquiredAt: started, validUntil: started + ttl, keeper: self)
    }

    // MARK: - LeaseKeeper

    /// Releases, handing the lock to the next waiter in line if there is one.
    public func release(_ lease: LockLease) async throws(LockError) -> Bool {
        try await run(HandOverScripts.release, lease.resource, token: lease.token, ttl: .milliseconds(1)).int == 1
    }

    public func renew(_ lease: LockLease, to ttl: Duration) async throws(LockError) -> Duration? {
        try await DistributedLock.extendIfOwned(on: connection, key: lease.key, token: lease.token,
                                                change: .set(milliseconds: ttl.wholeMilliseconds))
    }

    public func extend(_ lease: LockLease, by extra: Duration) async throws(LockError) -> Duration? {
        let remaining = max(.zero, lease.validUntil - ContinuousClock.now)
        return try await DistributedLock.extendIfOwned(on: connection, key: lease.key, token: lease.token,
                                                       change: .add(milliseconds: extra.wholeMilliseconds),
                                                       remainingAtMost: remaining.wholeMilliseconds)
    }

    public var renewalExecutor: (any TaskExecutor)? { connection.executor }
}
