import RedisClient

/// A counting semaphore: at most N holders at once, each permit a lease with its own owner
/// token and TTL, so a crashed holder's permit comes back when that lease ends.
///
/// The permits live in one zset, `semaphore:{resource}` (`KeySchema.semaphore`), scored by the
/// server time each lease ends, with the permit count N in force as the member `limit:<N>`.
/// The semaphore exists in Redis while permits are held: the first holder records its `permits`
/// as N, every later one counts against that N, and `setPermits` changes it at run time
/// (holders above a lowered N keep their permits until they release). When the last permit
/// is gone, the key goes with it and the next holder's `permits` applies again.
///
/// Release, renewal (`LockWatchdog`) and extend name the holder's token, compared inside Redis.
/// Waiters sleep until a release is published on `semaphore:channel:{resource}` (it wakes one
/// waiter, as one permit came free), with a safety re-check. Needs Lua.
public struct Semaphore: ResourceLock, LeaseKeeper {
    public let connection: RedisConnection
    public let notifications: ReleaseNotifications
    public let schema: KeySchema
    /// The permit count this client starts the semaphore with, when nobody holds a permit.
    public var permits: Int
    /// Longest sleep without news before a waiter looks again.
    public var safetyInterval: Duration

    /// `notifications` must watch the same Redis as `connection` (see `ReleaseNotifications.shared(for:)`).
    public init(connection: RedisConnection, notifications: ReleaseNotifications, permits: Int, schema: KeySchema = .default,
                safetyInterval: Duration = .milliseconds(200)) {
        self.connection = connection
        self.notifications = notifications
        self.permits = permits
        self.schema = schema
        self.safetyInterval = safetyInterval
    }

    /// One attempt: a permit, or nil when all N are held.
    public func tryAcquire(_ resource: String, ttl: Duration) async throws(LockError) -> LockLease? {
        try await checkArguments(ttl: ttl)
        await ConnectionNaming.ensure(connection)
        let token = OwnerToken.generate()
        let started = ContinuousClock.now
        guard case .acquired = try await attempt(resource, token: token, ttl: ttl) else { return nil }
        return lease(resource, token: token, started: started, ttl: ttl)
    }

    /// Waits for a permit until `wait` has passed (`LockError.timeout`).
    public func acquire(_ resource: String, ttl: Duration, wait: Duration) async throws(LockError) -> LockLease {
        try await checkArguments(ttl: ttl)
        guard safetyInterval > .zero else { throw .invalidArgument("safetyInterval must be positive, got \(safetyInterval)") }
        await ConnectionNaming.ensure(connection)
        // One token for the whole wait: a retry recognises a permit whose reply was lost.
        let token = OwnerToken.generate()
        do {
            return try await withTaskExecutorPreference(connection.executor) { () async throws(LockError) -> LockLease in
                try await notifications.acquireWhenReleased(
                    key: schema.semaphore(resource), channel: schema.semaphoreChannel(resource), wait: wait, recheckEvery: safetyInterval
                ) { () async throws(LockError) -> LockAttempt in
                    let started = ContinuousClock.now
                    let reply = try await attempt(resource, token: token, ttl: ttl)
                    guard case .acquired = reply else { return .held(holderTTL: reply.holderTTL) }
                    return .acquired(lease(resource, token: token, started: started, ttl: ttl))
                }.lease
            }
        } catch {
            // An attempt whose reply was lost with the connection may have taken a permit.
            if case .redis(let failure) = error, failure.isConnectionLoss {
                await holders.leave(key: schema.semaphore(resource), member: token.value)
            }
            throw error
        }
    }

    /// Runs `body` holding a permit, and always gives it back (see `ResourceLock.withLock`).
    public func withPermit<T: Sendable>(_ resource: String, ttl: Duration, wait: Duration,
                                        _ body: (LockLease) async throws -> T) async throws -> T {
        try await withLock(resource, ttl: ttl, wait: wait, body)
    }

    /// Changes the permit count of the semaphore in use; `false` when nobody holds a permit
    /// (then each holder's own `permits` applies from the next acquisition).
    @discardableResult
    public func setPermits(_ count: Int, for resource: String) async throws(LockError) -> Bool {
        guard count >= 0 else { throw .invalidArgument("a permit count cannot be negative, got \(count)") }
        try await ScriptingRequirement.check(connection, pattern: "Semaphore")
        return try await holders.run(SemaphoreScripts.setLimit, key: schema.semaphore(resource),
                                     [count, schema.semaphoreChannel(resource)]).int == 1
    }

    /// Gives back one holder's permit, only if `token` still holds it (the operator's force-release).
    public func forceRelease(_ resource: String, ifHeldBy token: OwnerToken) async throws(LockError) -> Bool {
        try await holders.release(key: schema.semaphore(resource), member: token.value, channel: schema.semaphoreChannel(resource))
    }

    // MARK: - LeaseKeeper

    public func release(_ lease: LockLease) async throws(LockError) -> Bool {
        try await forceRelease(lease.resource, ifHeldBy: lease.token)
    }

    public func renew(_ lease: LockLease, to ttl: Duration) async throws(LockError) -> Duration? {
        try await holders.renew(key: lease.key, member: lease.token.value, change: .set(milliseconds: ttl.wholeMilliseconds))
    }

    public func extend(_ lease: LockLease, by extra: Duration) async throws(LockError) -> Duration? {
        try await holders.renew(key: lease.key, member: lease.token.value, change: .add(milliseconds: extra.wholeMilliseconds))
    }

    public var renewalExecutor: (any TaskExecutor)? { connection.executor }

    // MARK: - Attempts

    private var holders: HolderSet { HolderSet(connection: connection) }

    private func checkArguments(ttl: Duration) async throws(LockError) {
        try DistributedLock.validate(ttl: ttl)
        guard permits >= 1 else { throw .invalidArgument("a semaphore needs at least 1 permit, got \(permits)") }
        try await ScriptingRequirement.check(connection, pattern: "Semaphore")
    }

    private func attempt(_ resource: String, token: OwnerToken, ttl: Duration) async throws(LockError) -> AttemptReply {
        let reply = try await holders.run(SemaphoreScripts.acquire, key: schema.semaphore(resource),
                                          [token.value, ttl.wholeMilliseconds, permits])
        return try holders.attemptReply(reply, script: SemaphoreScripts.acquire)
    }

    private func lease(_ resource: String, token: OwnerToken, started: ContinuousClock.Instant, ttl: Duration) -> LockLease {
        LockLease(resource: resource, key: schema.semaphore(resource), token: token,
                  acquiredAt: started, validUntil: started + ttl, keeper: self)
    }
}
