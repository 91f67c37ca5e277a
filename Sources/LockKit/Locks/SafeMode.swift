import RedisClient
import Synchronization

/// What `SafeMode.run` did with the work.
public enum SafeModeOutcome<Result: Sendable>: Sendable {
    /// The lock was held and the work ran.
    case ran(Result)
    /// The lock servers were out of reach (no quorum): the work did not run. Try again at
    /// `until`; `attempts` counts the consecutive failed attempts so far.
    case deferred(until: ContinuousClock.Instant, attempts: Int, reason: LockError)
    /// The work did not run and retrying on this schedule will not help: too many
    /// consecutive partitions, or a failure that is not a partition (the lock stayed held
    /// by another owner, an invalid argument).
    case gaveUp(LockError)
}

/// The guide's partition "safe mode": when the lock cannot reach a quorum (a network
/// partition, servers down), the work is deferred with backoff instead of run unlocked.
///
/// After a failed attempt it stays in safe mode until the backoff has passed: calls before
/// that return `.deferred` without touching the servers, so a partitioned fleet does not
/// hammer them. The first success leaves safe mode. One `SafeMode` watches one set of
/// servers, so share it between the resources on them.
public final class SafeMode: Sendable {
    /// The lock whose servers may be partitioned away.
    public let lock: any ResourceLock
    /// Pause after each consecutive failure before the next attempt.
    public let backoff: Backoff
    /// Consecutive partitions after which a call gives up instead of deferring.
    public let giveUpAfter: Int

    private struct State {
        var failures = 0
        var deferredUntil: ContinuousClock.Instant?
        var lastReason: LockError?
    }

    private let state = Mutex(State())

    /// `lock` is usually a `Redlock`; any lock whose servers can be partitioned away works.
    public init(lock: any ResourceLock,
                backoff: Backoff = .adaptive(start: .milliseconds(500), factor: 2, every: 1, cap: .seconds(30), jitter: 0.2),
                giveUpAfter: Int = 10) {
        self.lock = lock
        self.backoff = backoff
        self.giveUpAfter = max(1, giveUpAfter)
    }

    /// Whether the last attempt failed for want of a quorum and the backoff has not passed.
    public func isDeferring(at now: ContinuousClock.Instant = .now) -> Bool {
        state.withLock { state in state.deferredUntil.map { now < $0 } ?? false }
    }

    /// Consecutive attempts that found no quorum.
    public var consecutiveFailures: Int { state.withLock { $0.failures } }

    /// Leaves safe mode (an operator who knows the partition healed).
    public func reset() { state.withLock { $0 = State() } }

    /// Runs `body` under the lock on `resource`, or says why it did not.
    ///
    /// Errors thrown by `body` are rethrown (the lease is released first); lock failures are
    /// reported in the outcome. `now` is the time the deferral window is compared with.
    public func run<T: Sendable>(
        _ resource: String,
        ttl: Duration,
        wait: Duration,
        now: ContinuousClock.Instant = .now,
        _ body: (LockLease) async throws -> T
    ) async throws -> SafeModeOutcome<T> {
        let pending = state.withLock { state -> SafeModeOutcome<T>? in
            guard let until = state.deferredUntil, now < until, let reason = state.lastReason else { return nil }
            return .deferred(until: until, attempts: state.failures, reason: reason)
        }
        if let pending { return pending }

        let lease: LockLease
        do {
            lease = try await lock.acquire(resource, ttl: ttl, wait: wait)
        } catch {
            return Self.isPartition(error) ? recordPartition(error) : .gaveUp(error)
        }
        state.withLock { $0 = State() }
        let result: T
        do {
            result = try await body(lease)
        } catch {
            _ = try? await lease.release()
            throw error
        }
        // The work is done; a release that cannot reach a quorum leaves keys that expire with the TTL.
        _ = try? await lease.release()
        return .ran(result)
    }

    private func recordPartition<T>(_ reason: LockError) -> SafeModeOutcome<T> {
        var generator = SystemRandomNumberGenerator()
        return state.withLock { state in
            state.failures += 1
            state.lastReason = reason
            guard state.failures < giveUpAfter else {
                state.deferredUntil = nil
                return .gaveUp(reason)
            }
            let until = ContinuousClock.now + backoff.delay(afterAttempt: state.failures, using: &generator)
            state.deferredUntil = until
            return .deferred(until: until, attempts: state.failures, reason: reason)
        }
    }

    /// No quorum, or the one server unreachable: the servers are cut off, not busy.
    static func isPartition(_ error: LockError) -> Bool {
        switch error {
        case .quorumNotReached: true
        case .redis(let failure): failure.isConnectionLoss
        default: false
        }
    }
}
