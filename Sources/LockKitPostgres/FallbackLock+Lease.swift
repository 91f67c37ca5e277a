import LockKit

/// Which lock a `FallbackLock` got, strongest first.
public enum LockTier: String, Sendable, Hashable, CaseIterable {
    /// The Redis lock: excludes every process that uses this Redis.
    case redis
    /// The PostgreSQL advisory lock: excludes every process that fell back to this database.
    case database
    /// The in-process lock: excludes only tasks of this process. Weak: other processes may
    /// run the same work at the same time.
    case process

    /// `true` when the lock excludes other processes at all (redis and database).
    public var excludesOtherProcesses: Bool { self != .process }
}

/// A lease from `FallbackLock`: the lease itself, the tier it came from, and why the
/// stronger tiers were skipped.
public struct FallbackLease: Sendable {
    /// Which tier granted the lock.
    public let tier: LockTier
    /// The lease on that tier; release and extend go to its lock.
    public let lease: LockLease
    /// Why each stronger tier was passed over, strongest first; empty on the redis tier.
    public let degradations: [String]

    /// `true` on the process tier: the holder must know the work is not protected across processes.
    public var isWeak: Bool { !tier.excludesOtherProcesses }

    /// The locked resource name.
    public var resource: String { lease.resource }
    /// Held on its tier and not past its validity by this process's clock.
    public var isHeld: Bool { lease.isHeld }

    /// Releases the lock on its tier. `false` when it was no longer ours.
    @discardableResult
    public func release() async throws(LockError) -> Bool { try await lease.release() }

    /// Adds `extra` to the remaining TTL on its tier. `false` when it was no longer ours.
    @discardableResult
    public func extend(by extra: Duration) async throws(LockError) -> Bool { try await lease.extend(by: extra) }
}
