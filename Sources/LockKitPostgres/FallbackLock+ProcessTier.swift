import LockKit
import Synchronization

/// The last resort of `FallbackLock`: a lock that only excludes tasks of this process.
///
/// Keyed by resource name, with the TTL honoured (a lease never released expires) and
/// release/extend token-checked like the Redis locks. It protects nothing against other
/// processes: a holder on this tier must treat the work as unprotected across the fleet.
public final class ProcessLocalLock: ResourceLock, LeaseKeeper {
    /// The one instance every `FallbackLock` of this process shares by default.
    public static let shared = ProcessLocalLock()

    private struct Entry {
        let token: OwnerToken
        var expiresAt: ContinuousClock.Instant
    }

    private let entries = Mutex<[String: Entry]>([:])
    /// Spacing of retries while waiting.
    public let backoff: Backoff

    /// A private in-process lock; most callers share `ProcessLocalLock.shared`.
    public init(backoff: Backoff = .fixed(.milliseconds(20))) {
        self.backoff = backoff
    }

    /// The name this lock gives `resource` in leases (not a Redis key).
    public func key(_ resource: String) -> String { "process:lock:\(resource)" }

    public func tryAcquire(_ resource: String, ttl: Duration) async throws(LockError) -> LockLease? {
        try DistributedLock.validate(ttl: ttl)
        let token = OwnerToken.generate()
        let now = ContinuousClock.now
        let taken = entries.withLock { entries in
            if let current = entries[resource], current.expiresAt > now { return false }
            entries[resource] = Entry(token: token, expiresAt: now + ttl)
            return true
        }
        guard taken else { return nil }
        return LockLease(resource: resource, key: key(resource), token: token, acquiredAt: now,
                         validUntil: now + ttl, keeper: self)
    }

    public func acquire(_ resource: String, ttl: Duration, wait: Duration) async throws(LockError) -> LockLease {
        try await retryUntilAcquired(key: key(resource), wait: wait, backoff: backoff) { () async throws(LockError) in
            try await tryAcquire(resource, ttl: ttl)
        }
    }

    /// Whether a live lease holds `resource` in this process now.
    public func isLocked(_ resource: String) -> Bool {
        let now = ContinuousClock.now
        return entries.withLock { $0[resource].map { $0.expiresAt > now } ?? false }
    }

    // MARK: - LeaseKeeper

    public func release(_ lease: LockLease) async throws(LockError) -> Bool {
        let now = ContinuousClock.now
        return entries.withLock { entries in
            guard let current = entries[lease.resource], current.token == lease.token else { return false }
            entries[lease.resource] = nil
            return current.expiresAt > now
        }
    }

    public func renew(_ lease: LockLease, to ttl: Duration) async throws(LockError) -> Duration? {
        update(lease) { _, now in now + ttl }.map { _ in ttl }
    }

    public func extend(_ lease: LockLease, by extra: Duration) async throws(LockError) -> Duration? {
        let now = ContinuousClock.now
        return update(lease) { expiresAt, _ in expiresAt + extra }.map { $0 - now }
    }

    /// Moves the expiry of a live lease that is still ours; the new expiry, or nil.
    private func update(_ lease: LockLease, _ newExpiry: (ContinuousClock.Instant, ContinuousClock.Instant) -> ContinuousClock.Instant) -> ContinuousClock.Instant? {
        let now = ContinuousClock.now
        return entries.withLock { entries in
            guard var current = entries[lease.resource], current.token == lease.token, current.expiresAt > now else { return nil }
            current.expiresAt = newExpiry(current.expiresAt, now)
            entries[lease.resource] = current
            return current.expiresAt
        }
    }
}
