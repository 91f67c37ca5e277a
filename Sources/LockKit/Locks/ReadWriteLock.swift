import RedisClient

/// Many readers or one writer, each hold a lease of its own with its own owner token and TTL.
///
/// The holders live in one zset, `rwlock:{resource}` (`KeySchema.readWriteLock`), scored by
/// the server time their lease ends: a reader that dies is dropped when its own lease ends,
/// not when the last reader's does. Release, renewal (`LockWatchdog`) and extend name the
/// holder's member, so they compare its token inside Redis and touch no other hold.
///
/// **Writer preference**: a writer that finds the lock held is recorded as waiting, and no new
/// reader is let in while it waits. A waiting writer therefore gets the lock once the holders
/// of the moment are gone: at the latest when the longest of their leases ends (sooner when
/// they release), however many readers keep arriving. Readers wait behind a stream of
/// writers; use it where writes are the rarer side. A writer that dies while waiting stops
/// keeping readers out when its `writerWaitLease` ends; one that gives up leaves at once.
///
/// Waiters sleep until a release is published on `rwlock:channel:{resource}`, with a safety
/// re-check: the last reader's release wakes a waiting writer by name, and a writer's release
/// wakes the next waiting writer, or every waiter when none waits (all readers can go). Every key of one lock shares its hash tag.
/// Needs Lua; a server that refuses it gets `LockError.scriptingRefused`.
public struct ReadWriteLock: Sendable {
    /// Which hold a lease is.
    public enum Mode: String, Sendable, Hashable, CaseIterable {
        case read, write
    }

    public let connection: RedisConnection
    public let notifications: ReleaseNotifications
    public let schema: KeySchema
    /// Longest sleep without news before a waiter looks again.
    public var safetyInterval: Duration
    /// How long a waiting writer keeps new readers out after its last look, at least (it
    /// looks every `safetyInterval`, and asks for more when its own looks come further apart).
    public var writerWaitLease: Duration

    /// `notifications` must watch the same Redis as `connection` (see `ReleaseNotifications.shared(for:)`).
    public init(connection: RedisConnection, notifications: ReleaseNotifications, schema: KeySchema = .default,
                safetyInterval: Duration = .milliseconds(200), writerWaitLease: Duration = .seconds(2)) {
        self.connection = connection
        self.notifications = notifications
        self.schema = schema
        self.safetyInterval = safetyInterval
        self.writerWaitLease = writerWaitLease
    }

    /// The shared (read) side, a `ResourceLock` of its own.
    public var read: Side { Side(lock: self, mode: .read) }
    /// The exclusive (write) side, a `ResourceLock` of its own.
    public var write: Side { Side(lock: self, mode: .write) }

    /// One side of the lock; its leases are released and renewed as holds of that mode.
    public struct Side: ResourceLock, LeaseKeeper {
        public let lock: ReadWriteLock
        public let mode: Mode

        public func tryAcquire(_ resource: String, ttl: Duration) async throws(LockError) -> LockLease? {
            try await lock.tryAcquire(resource, mode: mode, ttl: ttl)
        }

        public func acquire(_ resource: String, ttl: Duration, wait: Duration) async throws(LockError) -> LockLease {
            try await lock.acquire(resource, mode: mode, ttl: ttl, wait: wait)
        }

        public func release(_ lease: LockLease) async throws(LockError) -> Bool {
            try await lock.releaseHold(mode, token: lease.token, resource: lease.resource)
        }

        public func renew(_ lease: LockLease, to ttl: Duration) async throws(LockError) -> Duration? {
            try await lock.holders.renew(key: lease.key, member: lock.member(mode, lease.token), change: .set(milliseconds: ttl.wholeMilliseconds))
        }

        public func extend(_ lease: LockLease, by extra: Duration) async throws(LockError) -> Duration? {
            try await lock.holders.renew(key: lease.key, member: lock.member(mode, lease.token), change: .add(milliseconds: extra.wholeMilliseconds))
        }

        public var renewalExecutor: (any TaskExecutor)? { lock.connection.executor }
    }

    /// One attempt: the lease, or nil when the lock is held against `mode` (a writer that
    /// tries and fails is not left waiting).
    public func tryAcquire(_ resource: String, mode: Mode, ttl: Duration) async throws(LockError) -> LockLease? {
        try await checkArguments(ttl: ttl)
        await ConnectionNaming.ensure(connection)
        let token = OwnerToken.generate()
        let started = ContinuousClock.now
        let reply = try await attempt(resource, mode: mode, token: token, ttl: ttl, waitLease: .milliseconds(1))
        guard case .acquired = reply else {
            if mode == .write { await leaveWaiting(resource, token: token) }
            return nil
        }
        return lease(resource, mode: mode, token: token, started: started, ttl: ttl)
    }

    /// Waits until the lock can be held in `mode`, or `wait` has passed (`LockError.timeout`).
    public func acquire(_ resource: String, mode: Mode, ttl: Duration, wait: Duration) async throws(LockError) -> LockLease {
        try await checkArguments(ttl: ttl)
        guard safetyInterval > .zero, writerWaitLease > .zero else {
            throw .invalidArgument("safetyInterval and writerWaitLease must be positive, got \(safetyInterval) and \(writerWaitLease)")
        }
        let key = schema.readWriteLock(resource)
        await ConnectionNaming.ensure(connection)
        // One token for the whole wait: a retry recognises a hold whose reply was lost.
        let token = OwnerToken.generate()
        var pace = HeartbeatPace(minimumLease: writerWaitLease)
        do {
            return try await withTaskExecutorPreference(connection.executor) { () async throws(LockError) -> LockLease in
                try await notifications.acquireWhenReleased(
                    key: key, channel: schema.readWriteChannel(resource), token: mode == .write ? token.value : nil,
                    wait: wait, recheckEvery: safetyInterval
                ) { () async throws(LockError) -> LockAttempt in
                    let started = ContinuousClock.now
                    let reply = try await attempt(resource, mode: mode, token: token, ttl: ttl, waitLease: pace.lease(lookingAt: started))
                    guard case .acquired = reply else { return .held(holderTTL: reply.holderTTL) }
                    return .acquired(lease(resource, mode: mode, token: token, started: started, ttl: ttl))
                }.lease
            }
        } catch {
            // A writer that gives up stops keeping readers out; a hold taken by an attempt whose
            // reply was lost is given back.
            if mode == .write { await leaveWaiting(resource, token: token) }
            if case .redis(let failure) = error, failure.isConnectionLoss { await holders.leave(key: key, member: member(mode, token)) }
            throw error
        }
    }

    /// Runs `body` holding the lock in `mode`, and always releases it (see `ResourceLock.withLock`).
    public func withLock<T: Sendable>(_ resource: String, mode: Mode, ttl: Duration, wait: Duration,
                                      _ body: (LockLease) async throws -> T) async throws -> T {
        try await (mode == .read ? read : write).withLock(resource, ttl: ttl, wait: wait, body)
    }

    /// Releases one holder's hold, only if `token` still holds it in `mode` (the operator's force-release).
    public func forceRelease(_ resource: String, mode: Mode, ifHeldBy token: OwnerToken) async throws(LockError) -> Bool {
        try await releaseHold(mode, token: token, resource: resource)
    }

    var holders: HolderSet { HolderSet(connection: connection) }

    /// A writer that stops waiting stops keeping readers out.
    private func leaveWaiting(_ resource: String, token: OwnerToken) async {
        await holders.leave(key: schema.readWriteLock(resource), member: KeySchema.HolderMember.waitingWriter(token: token.value).member)
    }

    func member(_ mode: Mode, _ token: OwnerToken) -> String {
        (mode == .read ? KeySchema.HolderMember.reader(token: token.value) : .writer(token: token.value)).member
    }

    func releaseHold(_ mode: Mode, token: OwnerToken, resource: String) async throws(LockError) -> Bool {
        try await holders.release(ReadWriteLockScripts.release, key: schema.readWriteLock(resource), member: member(mode, token),
                                  channel: schema.readWriteChannel(resource))
    }

    private func checkArguments(ttl: Duration) async throws(LockError) {
        try DistributedLock.validate(ttl: ttl)
        try await ScriptingRequirement.check(connection, pattern: "ReadWriteLock")
    }

    private func attempt(_ resource: String, mode: Mode, token: OwnerToken, ttl: Duration, waitLease: Duration) async throws(LockError) -> AttemptReply {
        let script = mode == .read ? ReadWriteLockScripts.read : ReadWriteLockScripts.write
        let reply = try await holders.run(script, key: schema.readWriteLock(resource),
                                          [token.value, ttl.wholeMilliseconds, waitLease.wholeMilliseconds])
        return try holders.attemptReply(reply, script: script)
    }

    private func lease(_ resource: String, mode: Mode, token: OwnerToken, started: ContinuousClock.Instant, ttl: Duration) -> LockLease {
        LockLease(resource: resource, key: schema.readWriteLock(resource), token: token,
                  acquiredAt: started, validUntil: started + ttl, keeper: Side(lock: self, mode: mode))
    }
}
