import RedisClient

/// The guide's simple lock for one server and coarse TTLs: `SET key token EX seconds NX`.
///
/// Unlike the guide's sample it stores an owner token (not the literal "locked"), acquires
/// in one atomic command (no check-then-act), and releases and extends only its own lock.
/// Use it for short jobs on a single Redis where second-granularity TTLs are enough.
public struct SimpleLock: ResourceLock, LeaseKeeper {
    public let connection: RedisConnection
    public let schema: KeySchema
    public var backoff: Backoff

    public init(connection: RedisConnection, schema: KeySchema = .default, backoff: Backoff = .fixed(.milliseconds(100))) {
        self.connection = connection
        self.schema = schema
        self.backoff = backoff
    }

    /// One attempt; the TTL is rounded up to whole seconds (SET ... EX).
    public func tryAcquire(_ resource: String, ttl: Duration) async throws(LockError) -> LockLease? {
        try DistributedLock.validate(ttl: ttl)
        let seconds = (ttl.wholeMilliseconds + 999) / 1000
        let key = schema.lock(resource)
        await ConnectionNaming.ensure(connection)
        let token = OwnerToken.generate()
        let started = ContinuousClock.now
        do {
            guard try await connection.send("SET", key, token.value, "EX", seconds, "NX").isOK else { return nil }
        } catch { throw .redis(error) }
        return LockLease(resource: resource, key: key, token: token, acquiredAt: started,
                         validUntil: started + .seconds(seconds), keeper: self)
    }

    public func acquire(_ resource: String, ttl: Duration, wait: Duration) async throws(LockError) -> LockLease {
        try await retryUntilAcquired(key: schema.lock(resource), wait: wait, backoff: backoff) { () async throws(LockError) in
            try await tryAcquire(resource, ttl: ttl)
        }
    }

    /// Whether the resource is locked by anyone (EXISTS); for display, never as a guard before acquiring.
    public func isLocked(_ resource: String) async throws(LockError) -> Bool {
        do { return try await connection.send("EXISTS", schema.lock(resource)).int == 1 } catch { throw .redis(error) }
    }

    private var inner: DistributedLock { DistributedLock(connection: connection, schema: schema, publishesReleases: false) }

    public func release(_ lease: LockLease) async throws(LockError) -> Bool { try await inner.release(lease) }

    public func renew(_ lease: LockLease, to ttl: Duration) async throws(LockError) -> Duration? { try await inner.renew(lease, to: ttl) }

    public func extend(_ lease: LockLease, by extra: Duration) async throws(LockError) -> Duration? { try await inner.extend(lease, by: extra) }

    public var renewalExecutor: (any TaskExecutor)? { connection.executor }
}
