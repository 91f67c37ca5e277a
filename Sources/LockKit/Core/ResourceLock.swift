/// A lock on named resources: the common shape of every LockKit pattern.
public protocol ResourceLock: Sendable {
    /// One attempt: the lease, or `nil` if someone else holds the lock.
    func tryAcquire(_ resource: String, ttl: Duration) async throws(LockError) -> LockLease?
    /// Retries until the lock is taken or `wait` has passed (then `LockError.timeout`).
    func acquire(_ resource: String, ttl: Duration, wait: Duration) async throws(LockError) -> LockLease
}

extension ResourceLock {
    /// Runs `body` under the lock and always releases it, also when `body` throws.
    ///
    /// Throws `LockError.notHeld` after `body` if the lease was lost meanwhile (it expired or
    /// another owner took it), because the work may then have overlapped with someone else's.
    public func withLock<T: Sendable>(
        _ resource: String,
        ttl: Duration,
        wait: Duration,
        _ body: (LockLease) async throws -> T
    ) async throws -> T {
        let lease = try await acquire(resource, ttl: ttl, wait: wait)
        return try await runHolding(lease, key: lease.key, release: { try await $0.release() }, body)
    }
}

/// Runs `body` with `lease` held and always releases it, also when `body` throws; throws
/// `LockError.notHeld` afterwards if the release found the lock was no longer ours.
package func runHolding<Lease, T: Sendable>(
    _ lease: Lease,
    key: String,
    release: (Lease) async throws -> Bool,
    _ body: (Lease) async throws -> T
) async throws -> T {
    let result: T
    do {
        result = try await body(lease)
    } catch {
        _ = try? await release(lease)
        throw error
    }
    guard try await release(lease) else { throw LockError.notHeld(key: key) }
    return result
}

/// Retries `attempt` with `backoff` until it returns a lease or `wait` runs out.
package func retryUntilAcquired<Lease>(
    key: String,
    wait: Duration,
    backoff: Backoff,
    _ attempt: () async throws(LockError) -> Lease?
) async throws(LockError) -> Lease {
    let clock = ContinuousClock()
    let deadline = clock.now + wait
    var generator = SystemRandomNumberGenerator()
    var attempts = 0
    while true {
        if let lease = try await attempt() { return lease }
        attempts += 1
        let remaining = deadline - clock.now
        guard remaining > .zero else { throw LockError.timeout(key: key, waited: wait) }
        let pause = min(backoff.delay(afterAttempt: attempts, using: &generator), remaining)
        do { try await clock.sleep(for: pause) } catch { throw LockError.cancelled(key: key) }
    }
}
