import RedisClient

/// The guide's pub/sub lock: a waiter sleeps until the holder's release publishes
/// `released` on `lock:channel:{resource}`, instead of polling.
///
/// Unlike the guide it subscribes before its second try (a release in between is not
/// lost), re-checks on a safety timer (a lost message costs at most `safetyInterval`), and
/// shares one subscriber per process through `ReleaseNotifications` with no listener left
/// behind. Use it for long waits, where spinning would waste round trips.
public struct NotifiedLock: ResourceLock, LeaseKeeper {
    /// Takes, releases and extends the lock; its releases publish on the release channel.
    public private(set) var base: DistributedLock
    public let notifications: ReleaseNotifications
    /// Longest sleep without news before a waiter looks again: the safety net for a lost message.
    public var safetyInterval: Duration
    private let counters = NotifiedLockCounters()

    /// `notifications` must watch the same Redis as `connection` (see `ReleaseNotifications.shared(for:)`).
    public init(connection: RedisConnection, notifications: ReleaseNotifications, schema: KeySchema = .default,
                fenced: Bool = false, safetyInterval: Duration = .milliseconds(200), publishesReleases: Bool = true) {
        base = DistributedLock(connection: connection, schema: schema, fenced: fenced, publishesReleases: publishesReleases)
        self.notifications = notifications
        self.safetyInterval = safetyInterval
    }

    public var connection: RedisConnection { base.connection }
    public var schema: KeySchema { base.schema }

    /// Publish `released` on release (turn off only to simulate a lost message).
    public var publishesReleases: Bool {
        get { base.publishesReleases }
        set { base.publishesReleases = newValue }
    }

    /// What woke the waiters that got the lock, over every copy of this lock.
    public var statistics: NotifiedLockStatistics { counters.snapshot }

    public func tryAcquire(_ resource: String, ttl: Duration) async throws(LockError) -> LockLease? {
        try await base.tryAcquire(resource, ttl: ttl)
    }

    public func acquire(_ resource: String, ttl: Duration, wait: Duration) async throws(LockError) -> LockLease {
        // The wait runs on the connection's thread: a release message resumes it there and its
        // attempt needs no further hop, which shortens every hand-over.
        try await withTaskExecutorPreference(base.connection.executor) { () async throws(LockError) -> LockLease in
            try await acquireOnConnectionThread(resource, ttl: ttl, wait: wait)
        }
    }

    private func acquireOnConnectionThread(_ resource: String, ttl: Duration, wait: Duration) async throws(LockError) -> LockLease {
        try DistributedLock.validate(ttl: ttl)
        guard safetyInterval > .zero else { throw .invalidArgument("safetyInterval must be positive, got \(safetyInterval)") }
        let key = schema.lock(resource)
        await ConnectionNaming.ensure(connection)
        // One token for every attempt of this wait: a retry recognises a lock its lost reply took.
        let token = OwnerToken.generate()
        // A fenced acquisition needs the script's INCR from the first try on.
        var firstTry = !base.fenced
        do {
            let (lease, cause) = try await notifications.acquireWhenReleased(
                key: key, channel: schema.releaseChannel(resource), wait: wait, recheckEvery: safetyInterval
            ) { () async throws(LockError) -> LockAttempt in
                guard firstTry else { return try await attempt(resource, key: key, token: token, ttl: ttl) }
                firstTry = false
                return try await plainAttempt(resource, key: key, token: token, ttl: ttl)
            }
            counters.record(cause)
            return lease
        } catch {
            switch error {
            case .timeout: counters.recordTimeout()
            case .redis(let failure) where failure.isConnectionLoss:
                // The last attempt may have taken the lock before its reply was lost.
                _ = try? await base.forceRelease(resource, ifOwnedBy: token)
            default: break
            }
            throw error
        }
    }

    /// The first try is a bare SET NX PX: a lock that is free (or was just released) is taken
    /// without running a script, and a failed try is followed by the scripted ones, which also
    /// tell the holder's TTL.
    private func plainAttempt(_ resource: String, key: String, token: OwnerToken, ttl: Duration) async throws(LockError) -> LockAttempt {
        let started = ContinuousClock.now
        let reply: RESPValue
        do {
            reply = try await connection.send("SET", key, token.value, "NX", "PX", ttl.wholeMilliseconds)
        } catch { throw .redis(error) }
        guard reply.isOK else { return .held(holderTTL: nil) }
        return .acquired(lease(resource, key: key, token: token, fence: nil, started: started, ttl: ttl))
    }

    private func attempt(_ resource: String, key: String, token: OwnerToken, ttl: Duration) async throws(LockError) -> LockAttempt {
        let started = ContinuousClock.now
        let scripting: Bool
        do { scripting = try await connection.capabilities().scripting } catch { throw .redis(error) }
        guard scripting else {
            if base.fenced { throw .scriptingRefused(pattern: "NotifiedLock with fencing", endpoint: connection.endpoint.description) }
            return try await attemptWithoutLua(resource, key: key, token: token, ttl: ttl)
        }
        let reply: RESPValue
        do {
            reply = try await connection.run(NotifiedLockScripts.attempt, keys: [key, schema.fence(resource)],
                                              arguments: [token.value, ttl.wholeMilliseconds, base.fenced ? "1" : "0"])
        } catch { throw .redis(error) }
        let parsed = try AttemptReply(reply, endpoint: connection.endpoint.description, script: NotifiedLockScripts.attempt.name)
        guard case .acquired(let fence) = parsed else { return .held(holderTTL: parsed.holderTTL) }
        return .acquired(lease(resource, key: key, token: token, fence: base.fenced ? FencingToken(Int64(fence)) : nil,
                               started: started, ttl: ttl))
    }

    /// A lease this lock keeps, valid for `ttl` from when its attempt was sent.
    func lease(_ resource: String, key: String, token: OwnerToken, fence: FencingToken?,
                       started: ContinuousClock.Instant, ttl: Duration) -> LockLease {
        LockLease(resource: resource, key: key, token: token, fencingToken: fence,
                  acquiredAt: started, validUntil: started + ttl, keeper: self)
    }

    // MARK: - LeaseKeeper

    public func release(_ lease: LockLease) async throws(LockError) -> Bool { try await base.release(lease) }

    public func renew(_ lease: LockLease, to ttl: Duration) async throws(LockError) -> Duration? { try await base.renew(lease, to: ttl) }

    public func extend(_ lease: LockLease, by extra: Duration) async throws(LockError) -> Duration? { try await base.extend(lease, by: extra) }

    public var renewalExecutor: (any TaskExecutor)? { base.renewalExecutor }
}
