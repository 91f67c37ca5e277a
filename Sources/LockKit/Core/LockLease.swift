import Synchronization

/// Where a lease stands.
public enum LeaseStatus: Sendable, Equatable {
    case held
    case released
    case lost(LeaseLoss)
}

/// Why a lease was lost: the holder must stop the protected work.
public enum LeaseLoss: Sendable, Equatable {
    /// Its TTL ran out before it was extended.
    case expired
    /// The key now holds another owner's token, or is gone.
    case ownerChanged
    /// Renewal could not reach Redis; the lock may expire any moment.
    case renewalFailed(String)
}

/// What a lock type does for its leases; each lock implements it for its own keys.
public protocol LeaseKeeper: Sendable {
    /// Releases if the lease's token still owns the lock; `false` if it did not.
    func release(_ lease: LockLease) async throws(LockError) -> Bool
    /// Sets the remaining TTL to `ttl` if the token still owns the lock; the new TTL, or nil.
    func renew(_ lease: LockLease, to ttl: Duration) async throws(LockError) -> Duration?
    /// Adds `extra` to the remaining TTL if the token still owns the lock; the new TTL, or nil.
    func extend(_ lease: LockLease, by extra: Duration) async throws(LockError) -> Duration?
    /// A thread of its own to run renewals on (a connection's), so a busy cooperative pool
    /// cannot delay them past the TTL; `nil` runs them anywhere.
    var renewalExecutor: (any TaskExecutor)? { get }
}

extension LeaseKeeper {
    public var renewalExecutor: (any TaskExecutor)? { nil }
}

/// A held lock: who (token), what (key), until when, and whether it is still ours.
///
/// Release and extend compare the owner token atomically in Redis, so they never touch a
/// lock someone else acquired meanwhile. A lost lease says so on `losses`.
public final class LockLease: Sendable {
    public let resource: String
    public let key: String
    public let token: OwnerToken
    /// Set when the lock was acquired with fencing; strictly increases across owners.
    public let fencingToken: FencingToken?
    public let acquiredAt: ContinuousClock.Instant

    private let keeper: any LeaseKeeper
    private let state: Mutex<State>

    private struct State: ~Copyable {
        var status: LeaseStatus
        var validUntil: ContinuousClock.Instant
        /// Made on first use of `losses`: most leases are released without anyone listening,
        /// and an acquire-release pair should not pay for a stream.
        var losses: AsyncStream<LeaseLoss>?
        var lossContinuation: AsyncStream<LeaseLoss>.Continuation?

        mutating func takeContinuation() -> AsyncStream<LeaseLoss>.Continuation? {
            defer { lossContinuation = nil }
            return lossContinuation
        }
    }

    public init(resource: String, key: String, token: OwnerToken, fencingToken: FencingToken? = nil,
                acquiredAt: ContinuousClock.Instant, validUntil: ContinuousClock.Instant, keeper: any LeaseKeeper) {
        self.resource = resource
        self.key = key
        self.token = token
        self.fencingToken = fencingToken
        self.acquiredAt = acquiredAt
        self.keeper = keeper
        state = Mutex(State(status: .held, validUntil: validUntil))
    }

    /// The loss, if the lease is lost; the stream ends when the lease is released or lost.
    /// For a holder that wants to be told instead of checking `isHeld`.
    public var losses: AsyncStream<LeaseLoss> {
        state.withLock { state in
            if let stream = state.losses { return stream }
            let (stream, continuation) = AsyncStream.makeStream(of: LeaseLoss.self, bufferingPolicy: .bufferingNewest(8))
            switch state.status {
            case .held: state.lossContinuation = continuation
            case .lost(let loss): continuation.yield(loss); continuation.finish()
            case .released: continuation.finish()
            }
            state.losses = stream
            return stream
        }
    }

    public var status: LeaseStatus { state.withLock { $0.status } }

    /// Where a watchdog should run this lease's renewals (see `LeaseKeeper.renewalExecutor`).
    public var renewalExecutor: (any TaskExecutor)? { keeper.renewalExecutor }

    /// The last moment the lock is known to be ours (client clock, conservative).
    public var validUntil: ContinuousClock.Instant { state.withLock { $0.validUntil } }

    /// Held, and not past `validUntil` by this process's clock.
    public var isHeld: Bool {
        state.withLock { $0.status == .held && ContinuousClock.now < $0.validUntil }
    }

    /// Releases the lock. `false` when it was no longer ours (it expired or changed owner).
    @discardableResult
    public func release() async throws(LockError) -> Bool {
        guard status == .held else { return false }
        let released: Bool
        // A call through the protocol witness costs one more executor hop than a direct call
        // (Swift 6.3, measured with `ThreadExecutor.jobsEnqueued`): a tenth of an uncontended
        // pair. The plain lock and the hand-over lock are called directly.
        if let plain = keeper as? DistributedLock {
            released = try await plain.release(self)
        } else if let fair = keeper as? FairLock {
            released = try await fair.release(self)
        } else {
            released = try await keeper.release(self)
        }
        if released { finish(.released) } else { markLost(.ownerChanged) }
        return released
    }

    /// Adds `extra` to the remaining TTL. `false` (and the lease is lost) when no longer ours.
    @discardableResult
    public func extend(by extra: Duration) async throws(LockError) -> Bool {
        guard status == .held else { return false }
        return record(try await keeper.extend(self, by: extra))
    }

    /// Sets the remaining TTL to `ttl` (what a watchdog does). `false` when no longer ours.
    @discardableResult
    public func renew(to ttl: Duration) async throws(LockError) -> Bool {
        guard status == .held else { return false }
        return record(try await keeper.renew(self, to: ttl))
    }

    /// Marks the lease lost and tells whoever listens on `losses`.
    public func markLost(_ loss: LeaseLoss) {
        let continuation = state.withLock { state -> AsyncStream<LeaseLoss>.Continuation? in
            guard state.status == .held else { return nil }
            state.status = .lost(loss)
            return state.takeContinuation()
        }
        continuation?.yield(loss)
        continuation?.finish()
    }

    private func record(_ newTTL: Duration?) -> Bool {
        guard let newTTL else {
            markLost(.ownerChanged)
            return false
        }
        let now = ContinuousClock.now
        state.withLock { $0.validUntil = now + newTTL }
        return true
    }

    private func finish(_ status: LeaseStatus) {
        let continuation = state.withLock { state in
            state.status = status
            return state.takeContinuation()
        }
        continuation?.finish()
    }
}
