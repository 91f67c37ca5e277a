import RedisClient

// Releasing and extending a Redlock lease: token-checked on every server, quorum required.
extension Redlock {
    /// `true` when a quorum released it; `false` when too many servers said it was not ours;
    /// `.quorumNotReached` when unreachable servers leave that unknown (their keys expire by TTL).
    public func release(_ lease: LockLease) async throws(LockError) -> Bool {
        let replies = await releaseEverywhere(key: lease.key, token: lease.token, resource: lease.resource)
        let released = replies.confirmedCount
        if released >= quorum { return true }
        if released + replies.unreachableCount >= quorum {
            throw .quorumNotReached(key: lease.key, locked: released, needed: quorum)
        }
        return false
    }

    /// Sets the TTL to `ttl` on every server; the new validity, or nil (lease lost) without a quorum.
    public func renew(_ lease: LockLease, to ttl: Duration) async throws(LockError) -> Duration? {
        try await adjust(lease, change: .set(milliseconds: ttl.wholeMilliseconds))
    }

    /// Adds `extra` to the TTL on every server; the new validity, or nil (lease lost) without a quorum.
    public func extend(_ lease: LockLease, by extra: Duration) async throws(LockError) -> Duration? {
        try await adjust(lease, change: .add(milliseconds: extra.wholeMilliseconds))
    }

    /// The validity returned is what is left after this call, so the lease's
    /// `now + validity` stays conservative.
    private func adjust(_ lease: LockLease, change: TTLChange) async throws(LockError) -> Duration? {
        let milliseconds = switch change { case .add(let value), .set(let value): value }
        guard milliseconds > 0 else { throw .invalidArgument("extension must be positive, got \(milliseconds) ms") }
        let key = lease.key
        let token = lease.token.value
        let clock = ContinuousClock()
        let started = clock.now
        let replies = await fanOut { connection async throws(RedisError) -> Int? in
            // Each server's own path: the servers of one Redlock need not run the same software.
            guard case .done(let ttl?) = try await connection.extendIfOwned(key, token: token, change: change), ttl > 0 else { return nil }
            return ttl
        }
        let elapsed = clock.now - started
        // The lock lives while a quorum of keys lives: that is the quorum-th longest TTL.
        let ttls = replies.compactMap(\.confirmedValue).sorted(by: >)
        if ttls.count >= quorum {
            let ttl = Duration.milliseconds(ttls[quorum - 1])
            let validity = ttl - elapsed - Self.drift(for: ttl)
            if validity > .zero { return validity }
            lease.markLost(.expired)
        } else if ttls.count + replies.unreachableCount >= quorum {
            lease.markLost(.renewalFailed("extended on \(ttls.count) of \(connections.count) servers, \(quorum) needed"))
        }
        // Otherwise too many servers said the token is not ours: the caller marks it `.ownerChanged`.
        // The lease is lost: free the minority still holding it, so others reach a quorum sooner.
        _ = await releaseEverywhere(key: key, token: lease.token, resource: lease.resource)
        return nil
    }

    func releaseEverywhere(key: String, token: OwnerToken, resource: String) async -> [InstanceReply] {
        let channel = publishesReleases ? schema.releaseChannel(resource) : nil
        return await fanOut { connection async throws(RedisError) -> Int? in
            try await connection.releaseIfOwned(key, token: token.value, channel: channel).isDone ? 1 : nil
        }
    }
}
