import RedisClient

/// The guide's batch lock: many resources locked together on one Redis, all or nothing.
///
/// Use it when one piece of work needs several resources at once (an order touching a
/// balance, a stock row and a coupon): taking them one by one invites deadlocks between
/// clients that take them in different orders. One attempt is one round trip:
/// a pipeline of `SET key token NX PX ttl`, one per resource. If any is held by another
/// owner, the ones that were taken are released in a second pipelined round trip
/// (token-checked), so a failed attempt leaves nothing behind.
///
/// Why not one Lua script over all keys: `KeySchema` puts each resource in its own hash tag,
/// so the keys land in different Redis Cluster slots, and a multi-key script must have all
/// its keys in one slot (CROSSSLOT otherwise). Single-key commands work in any slot.
public struct MultiLock: Sendable {
    /// The one Redis holding every lock of a group.
    public let connection: RedisConnection
    /// Names of the keys written, one lock key per resource.
    public let schema: KeySchema
    /// Spacing of retries while waiting.
    public var backoff: Backoff
    /// Publish `released` on each resource's release channel, as `DistributedLock` does.
    public var publishesReleases: Bool

    /// A batch lock on `connection`; `backoff` spaces the retries of `acquire`.
    public init(connection: RedisConnection, schema: KeySchema = .default,
                backoff: Backoff = .fixed(.milliseconds(50)), publishesReleases: Bool = true) {
        self.connection = connection
        self.schema = schema
        self.backoff = backoff
        self.publishesReleases = publishesReleases
    }

    /// One attempt: a lease on every resource, or nil (and none locked) if any is held by another owner.
    public func tryAcquire(_ resources: [String], ttl: Duration) async throws(LockError) -> MultiLease? {
        try DistributedLock.validate(ttl: ttl)
        try Self.validate(resources)
        try await ScriptingRequirement.check(connection, pattern: "MultiLock")
        let keys = resources.map(schema.lock)
        await ConnectionNaming.ensure(connection)
        let token = OwnerToken.generate()
        let milliseconds = ttl.wholeMilliseconds
        let started = ContinuousClock.now
        let replies: [RESPValue]
        do {
            replies = try await connection.pipeline(keys.map { RedisCommand("SET", $0, token.value, "NX", "PX", milliseconds) })
        } catch {
            // Some SETs may have run before the connection failed: undo what is ours, if we can.
            _ = try? await releaseEach(keys: keys, resources: resources, token: token)
            throw .redis(error)
        }
        if replies.allSatisfy(\.isOK) {
            return MultiLease(resources: resources, keys: keys, token: token, acquiredAt: started,
                              validUntil: started + ttl, lock: self)
        }
        let taken = replies.indices.filter { replies[$0].isOK }
        if !taken.isEmpty {
            _ = try await releaseEach(keys: taken.map { keys[$0] }, resources: taken.map { resources[$0] }, token: token)
        }
        if let message = replies.lazy.compactMap(\.errorMessage).first {
            throw .redis(.server(endpoint: connection.endpoint.description, command: "SET", message: message))
        }
        return nil
    }

    /// Retries until every resource is locked at once, or `wait` has passed (then `.timeout`).
    public func acquire(_ resources: [String], ttl: Duration, wait: Duration) async throws(LockError) -> MultiLease {
        let label = resources.map(schema.lock).joined(separator: " ")
        return try await retryUntilAcquired(key: label, wait: wait, backoff: backoff) { () async throws(LockError) in
            try await tryAcquire(resources, ttl: ttl)
        }
    }

    /// Runs `body` holding every resource and always releases them, also when `body` throws;
    /// throws `LockError.notHeld` after `body` if any was lost meanwhile.
    public func withLocks<T: Sendable>(
        _ resources: [String],
        ttl: Duration,
        wait: Duration,
        _ body: (MultiLease) async throws -> T
    ) async throws -> T {
        let lease = try await acquire(resources, ttl: ttl, wait: wait)
        return try await runHolding(lease, key: lease.keys.joined(separator: " "), release: { try await $0.release() }, body)
    }

    private static func validate(_ resources: [String]) throws(LockError) {
        guard !resources.isEmpty else { throw .invalidArgument("MultiLock needs at least one resource") }
        var seen = Set<String>()
        for resource in resources where !seen.insert(resource).inserted {
            throw .invalidArgument("resource '\(resource)' appears twice; each resource can be locked once")
        }
    }
}
