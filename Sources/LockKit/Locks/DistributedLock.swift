import RedisClient

/// The guide's distributed lock on one Redis: `SET key token NX PX ttl`, released and
/// extended only by the owner (the token compared in the server: by Lua, by native
/// `SET IFEQ` / `DELIFEQ` where the server has them, or by WATCH where Lua is refused).
///
/// Use it when several processes or services share one Redis and a critical section must
/// run in one of them at a time. For a lock that must survive the loss of a Redis server,
/// use `Redlock`; for long waits, `NotifiedLock`; for fairness, `PriorityLock`.
public struct DistributedLock: ResourceLock, LeaseKeeper {
    public let connection: RedisConnection
    public let schema: KeySchema
    /// Return a `FencingToken` with each acquisition (one INCR, inside the same script).
    public var fenced: Bool
    /// Spacing of retries while waiting.
    public var backoff: Backoff
    /// Publish `released` on the release channel, so notified waiters and `locktop` see it.
    public var publishesReleases: Bool
    /// How releases and extends compare the token; `nil` picks from what the server allows
    /// (`CompareAndSetPath.release(on:)` / `.extend(on:)`). Set only to compare the paths.
    public var compareAndSet: CompareAndSetPath?

    public init(connection: RedisConnection, schema: KeySchema = .default, fenced: Bool = false,
                backoff: Backoff = .fixed(.milliseconds(50)), publishesReleases: Bool = true) {
        self.connection = connection
        self.schema = schema
        self.fenced = fenced
        self.backoff = backoff
        self.publishesReleases = publishesReleases
    }

    public func tryAcquire(_ resource: String, ttl: Duration) async throws(LockError) -> LockLease? {
        try Self.validate(ttl: ttl)
        let key = schema.lock(resource)
        // The connection carries the token's host and pid in its name (see ConnectionNaming).
        await ConnectionNaming.ensure(connection)
        let token = OwnerToken.generate()
        let started = ContinuousClock.now
        var fencingToken: FencingToken?
        // The fence's INCR must happen with the SET, atomically: only a script does both.
        if fenced { try await ScriptingRequirement.check(connection, pattern: "DistributedLock with fencing") }
        do {
            if fenced {
                let reply = try await connection.run(LockScripts.acquireFenced, keys: [key, schema.fence(resource)],
                                                     arguments: [token.value, ttl.wholeMilliseconds])
                guard let value = reply.int, value >= 0 else { return nil }
                fencingToken = FencingToken(Int64(value))
            } else {
                let reply = try await connection.send("SET", key, token.value, "NX", "PX", ttl.wholeMilliseconds)
                guard reply.isOK else { return nil }
            }
        } catch {
            throw .redis(error)
        }
        return LockLease(resource: resource, key: key, token: token, fencingToken: fencingToken,
                         acquiredAt: started, validUntil: started + ttl, keeper: self)
    }

    public func acquire(_ resource: String, ttl: Duration, wait: Duration) async throws(LockError) -> LockLease {
        try await retryUntilAcquired(key: schema.lock(resource), wait: wait, backoff: backoff) { () async throws(LockError) in
            try await tryAcquire(resource, ttl: ttl)
        }
    }

    /// Whether anyone holds the lock now.
    public func isLocked(_ resource: String) async throws(LockError) -> Bool {
        try await owner(resource) != nil
    }

    /// The token of whoever holds the lock now.
    public func owner(_ resource: String) async throws(LockError) -> OwnerToken? {
        do {
            return try await connection.send("GET", schema.lock(resource)).string.map(OwnerToken.init(value:))
        } catch { throw .redis(error) }
    }

    /// What the lock's TTL is now.
    public func remainingTTL(_ resource: String) async throws(LockError) -> LockTTL {
        do {
            return LockTTL(pttl: try await connection.send("PTTL", schema.lock(resource)).int ?? -2)
        } catch { throw .redis(error) }
    }

    /// Releases the lock only if `token` still holds it (the operator's force-release).
    public func forceRelease(_ resource: String, ifOwnedBy token: OwnerToken) async throws(LockError) -> Bool {
        try await releaseScript(key: schema.lock(resource), token: token, resource: resource)
    }

    // MARK: - LeaseKeeper

    public var renewalExecutor: (any TaskExecutor)? { connection.executor }

    public func release(_ lease: LockLease) async throws(LockError) -> Bool {
        try await releaseScript(key: lease.key, token: lease.token, resource: lease.resource)
    }

    public func renew(_ lease: LockLease, to ttl: Duration) async throws(LockError) -> Duration? {
        try await Self.extendIfOwned(on: connection, key: lease.key, token: lease.token,
                                     change: .set(milliseconds: ttl.wholeMilliseconds), path: compareAndSet)
    }

    public func extend(_ lease: LockLease, by extra: Duration) async throws(LockError) -> Duration? {
        let remaining = max(.zero, lease.validUntil - ContinuousClock.now)
        return try await Self.extendIfOwned(on: connection, key: lease.key, token: lease.token,
                                            change: .add(milliseconds: extra.wholeMilliseconds), path: compareAndSet,
                                            remainingAtMost: remaining.wholeMilliseconds)
    }

    private func releaseScript(key: String, token: OwnerToken, resource: String) async throws(LockError) -> Bool {
        let channel = publishesReleases ? schema.releaseChannel(resource) : nil
        do {
            return try await connection.releaseIfOwned(key, token: token.value, channel: channel, path: compareAndSet).isDone
        } catch { throw .redis(error) }
    }

    /// The new TTL, or nil when `token` no longer owns `key`.
    static func extendIfOwned(on connection: RedisConnection, key: String, token: OwnerToken, change: TTLChange,
                              path: CompareAndSetPath? = nil, remainingAtMost: Int? = nil) async throws(LockError) -> Duration? {
        do {
            guard case .done(let ttl?) = try await connection.extendIfOwned(key, token: token.value, change: change, path: path,
                                                                            remainingAtMost: remainingAtMost),
                  ttl > 0 else { return nil }
            return .milliseconds(ttl)
        } catch { throw .redis(error) }
    }

    package static func validate(ttl: Duration) throws(LockError) {
        guard ttl > .zero else { throw .invalidArgument("ttl must be positive, got \(ttl)") }
    }
}
