import RedisClient

/// The guide's spin lock: retry `SET NX PX` in a loop, sleeping a fixed or adaptive interval.
///
/// The lock TTL and the wait timeout are separate (the guide used one for both), and every
/// pause is jittered so that waiters do not retry in lockstep. Use it for short critical
/// sections (under ~100 ms) where a waiter would rather poll than subscribe.
public struct SpinLock: ResourceLock, LeaseKeeper {
    private let lock: DistributedLock

    /// `backoff`: `.fixed(10 ms)` spins evenly; `Backoff.guideAdaptive` starts at 10 ms and
    /// grows x1.5 every 10 tries up to 200 ms.
    public init(connection: RedisConnection, schema: KeySchema = .default,
                backoff: Backoff = .fixed(.milliseconds(10)), fenced: Bool = false) {
        lock = DistributedLock(connection: connection, schema: schema, fenced: fenced, backoff: backoff)
    }

    public var backoff: Backoff { lock.backoff }

    public func tryAcquire(_ resource: String, ttl: Duration) async throws(LockError) -> LockLease? {
        try await lock.tryAcquire(resource, ttl: ttl)
    }

    public func acquire(_ resource: String, ttl: Duration, wait: Duration) async throws(LockError) -> LockLease {
        try await lock.acquire(resource, ttl: ttl, wait: wait)
    }

    public func release(_ lease: LockLease) async throws(LockError) -> Bool { try await lock.release(lease) }

    public func renew(_ lease: LockLease, to ttl: Duration) async throws(LockError) -> Duration? { try await lock.renew(lease, to: ttl) }

    public func extend(_ lease: LockLease, by extra: Duration) async throws(LockError) -> Duration? { try await lock.extend(lease, by: extra) }

    public var renewalExecutor: (any TaskExecutor)? { lock.renewalExecutor }
}
