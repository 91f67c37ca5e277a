import RedisClient

/// The guide's Redlock: one lock over N independent Redis servers (not replicas of each
/// other), held when a majority (N/2+1) has the owner's token and time is left on it.
///
/// Use it when the lock must survive the crash or partition of a Redis server, for example
/// five servers, any two of which may be lost. It costs one parallel round trip to every
/// server per attempt. If one Redis is enough, use `DistributedLock`. Fencing tokens are not
/// offered here: independent servers cannot hand out one increasing sequence.
///
/// Acquisition: `SET key token NX PX ttl` on every server at once, each bounded by
/// `perInstanceTimeout`. It succeeds when a quorum said OK and
/// `validity = ttl - elapsed - drift` (drift = ttl * 1% + 2 ms) is still positive;
/// otherwise the key is released on every server (token-checked) and, in `acquire`,
/// tried again after a random delay.
public struct Redlock: ResourceLock, LeaseKeeper {
    /// One connection per independent server.
    public let connections: [RedisConnection]
    /// Names of the keys written; the same key on every server.
    public let schema: KeySchema
    /// Spacing of retries while waiting; jittered so that split votes do not repeat.
    public var backoff: Backoff
    /// How long one step waits for any one server; a slower server counts as not locked.
    public var perInstanceTimeout: Duration
    /// Publish `released` on the release channel of every server, as `DistributedLock` does.
    public var publishesReleases: Bool

    /// Servers that must agree: a strict majority.
    public var quorum: Int { connections.count / 2 + 1 }

    /// `perInstanceTimeout` should be small next to the TTL (the guide: 5-50 ms for 10 s).
    public init(connections: [RedisConnection], schema: KeySchema = .default,
                backoff: Backoff = .fixed(.milliseconds(50)), perInstanceTimeout: Duration = .milliseconds(50),
                publishesReleases: Bool = true) {
        self.connections = connections
        self.schema = schema
        self.backoff = backoff
        self.perInstanceTimeout = perInstanceTimeout
        self.publishesReleases = publishesReleases
    }

    /// One attempt: nil when other owners hold the lock; `.quorumNotReached` when unreachable servers cost the quorum.
    public func tryAcquire(_ resource: String, ttl: Duration) async throws(LockError) -> LockLease? {
        switch try await attempt(resource, ttl: ttl) {
        case .acquired(let lease):
            return lease
        case .failed(let failure):
            if failure.unreachableCostTheQuorum {
                throw .quorumNotReached(key: schema.lock(resource), locked: failure.locked, needed: quorum)
            }
            return nil
        }
    }

    /// Retries until a quorum is locked or `wait` has passed; then `.quorumNotReached` if
    /// unreachable servers cost the last attempt its quorum, else `.timeout`.
    public func acquire(_ resource: String, ttl: Duration, wait: Duration) async throws(LockError) -> LockLease {
        let key = schema.lock(resource)
        var lastFailure: AttemptFailure?
        do throws(LockError) {
            return try await retryUntilAcquired(key: key, wait: wait, backoff: backoff) { () async throws(LockError) -> LockLease? in
                switch try await attempt(resource, ttl: ttl) {
                case .acquired(let lease):
                    return lease
                case .failed(let failure):
                    lastFailure = failure
                    return nil
                }
            }
        } catch {
            if case .timeout = error, let lastFailure, lastFailure.unreachableCostTheQuorum {
                throw .quorumNotReached(key: key, locked: lastFailure.locked, needed: quorum)
            }
            throw error
        }
    }

    // MARK: - One attempt

    enum Attempt {
        case acquired(LockLease)
        case failed(AttemptFailure)
    }

    struct AttemptFailure {
        var locked: Int
        var unreachable: Int
        var needed: Int

        /// Had the unreachable servers said yes, the quorum would have been reached: the
        /// failure is theirs, not another owner's.
        var unreachableCostTheQuorum: Bool { unreachable > 0 && locked + unreachable >= needed }
    }

    func attempt(_ resource: String, ttl: Duration) async throws(LockError) -> Attempt {
        try validate(ttl: ttl)
        let key = schema.lock(resource)
        let token = OwnerToken.generate()
        let milliseconds = ttl.wholeMilliseconds
        let clock = ContinuousClock()
        let started = clock.now
        let replies = await fanOut { connection async throws(RedisError) -> Int? in
            await ConnectionNaming.ensure(connection)
            return try await connection.send("SET", key, token.value, "NX", "PX", milliseconds).isOK ? 1 : nil
        }
        let validity = ttl - (clock.now - started) - Self.drift(for: ttl)
        let locked = replies.confirmedCount
        if locked >= quorum && validity > .zero {
            return .acquired(LockLease(resource: resource, key: key, token: token, acquiredAt: started,
                                       validUntil: started + validity, keeper: self))
        }
        // Also on servers that did not confirm: their SET may still land after the deadline.
        _ = await releaseEverywhere(key: key, token: token, resource: resource)
        return .failed(AttemptFailure(locked: locked, unreachable: replies.unreachableCount, needed: quorum))
    }

    /// Clock drift between servers, allowed for: 1% of the TTL plus 2 ms for the wire.
    static func drift(for ttl: Duration) -> Duration {
        ttl / 100 + .milliseconds(2)
    }

    private func validate(ttl: Duration) throws(LockError) {
        try DistributedLock.validate(ttl: ttl)
        guard !connections.isEmpty else { throw .invalidArgument("Redlock needs at least one server connection") }
        guard Set(connections.map(ObjectIdentifier.init)).count == connections.count else {
            throw .invalidArgument("Redlock was given the same connection twice; each server needs its own")
        }
        guard perInstanceTimeout > .zero, perInstanceTimeout < ttl else {
            throw .invalidArgument("perInstanceTimeout (\(perInstanceTimeout)) must be positive and below the ttl (\(ttl))")
        }
    }
}
