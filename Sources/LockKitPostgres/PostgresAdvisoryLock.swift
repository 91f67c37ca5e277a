import Foundation
import LockKit
import RedisClient

/// A lock in PostgreSQL: a session-level advisory lock (`pg_try_advisory_lock`) on a bigint
/// derived from the lock's key name (FNV-1a 64), so every process names the same lock.
///
/// Use it where a database is already shared and Redis is not, or as `FallbackLock`'s
/// second tier. PostgreSQL frees the lock when the session ends (the holder crashed, or the
/// server restarted), not after the TTL: the lease's TTL is the holder's own bound, and
/// renewals check the session is still alive. One session backs every lease of one
/// instance; two leases on one resource are refused within it, as between sessions.
/// libpq is blocking, so the session runs on a thread of its own (the actor's executor).
public actor PostgresAdvisoryLock: LeaseKeeper {
    /// The libpq conninfo of the session.
    public nonisolated let connectionString: String
    /// Names the lock keys the lock numbers are derived from.
    public nonisolated let schema: KeySchema
    /// Spacing of retries while waiting.
    public nonisolated let backoff: Backoff
    private nonisolated let executor: ThreadExecutor
    private var session: PostgresSessionHandle?
    private var held: [Int64: HeldLease] = [:]

    private struct HeldLease {
        let token: OwnerToken
        weak var lease: LockLease?
    }

    /// The session's own thread: libpq calls block.
    public nonisolated var unownedExecutor: UnownedSerialExecutor { executor.asUnownedSerialExecutor() }

    /// `connectionString` is a libpq conninfo; include `connect_timeout` so an absent server fails fast.
    public init(connectionString: String, schema: KeySchema = .default, backoff: Backoff = .fixed(.milliseconds(50))) {
        self.connectionString = connectionString
        self.schema = schema
        self.backoff = backoff
        executor = ThreadExecutor(name: "postgres advisory lock")
    }

    deinit { executor.shutdown() }

    /// The advisory lock number of `resource`: FNV-1a 64 of its Redis key name, as a signed bigint.
    public nonisolated func lockNumber(_ resource: String) -> Int64 {
        Self.fnv1a64(schema.lock(resource))
    }

    /// FNV-1a 64 of the UTF-8 bytes of `text`; stable across processes, hosts and versions.
    public static func fnv1a64(_ text: String) -> Int64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01b3
        }
        return Int64(bitPattern: hash)
    }

    /// One attempt: the lease, or nil if another session (or another lease here) holds it.
    public func tryAcquire(_ resource: String, ttl: Duration) throws(PostgresLockError) -> LockLease? {
        guard ttl > .zero else { throw .failed("ttl must be positive, got \(ttl)") }
        let number = lockNumber(resource)
        // The same session may take a session lock twice; we refuse, as another session would be refused.
        if held[number] != nil { return nil }
        let started = ContinuousClock.now
        guard try run("SELECT pg_try_advisory_lock($1::bigint)", number) == "t" else { return nil }
        let token = OwnerToken.generate()
        let lease = LockLease(resource: resource, key: "pg_advisory_lock(\(number))", token: token,
                              acquiredAt: started, validUntil: started + ttl, keeper: self)
        held[number] = HeldLease(token: token, lease: lease)
        return lease
    }

    /// Retries until the lock is taken or `wait` has passed (then `.timeout`).
    public func acquire(_ resource: String, ttl: Duration, wait: Duration) async throws(PostgresLockError) -> LockLease {
        let clock = ContinuousClock()
        let deadline = clock.now + wait
        var generator = SystemRandomNumberGenerator()
        var attempts = 0
        while true {
            if let lease = try tryAcquire(resource, ttl: ttl) { return lease }
            attempts += 1
            let remaining = deadline - clock.now
            guard remaining > .zero else { throw .timeout(resource: resource, waited: wait) }
            let pause = min(backoff.delay(afterAttempt: attempts, using: &generator), remaining)
            do { try await clock.sleep(for: pause) } catch { throw .cancelled(resource: resource) }
        }
    }

    /// Whether a session is open now (it may still find the server gone on the next query).
    public var isConnected: Bool { session?.isAlive ?? false }

    /// Ends the session; the server frees every lock it held, and their leases are lost.
    public func close() {
        dropSession(because: "the PostgreSQL session was closed")
    }

    // MARK: - LeaseKeeper

    public func release(_ lease: LockLease) throws(LockError) -> Bool {
        guard let number = ownedNumber(of: lease) else { return false }
        held[number] = nil
        // An unreachable server has already ended the session, and with it the lock.
        return (try? run("SELECT pg_advisory_unlock($1::bigint)", number)) == "t"
    }

    public func renew(_ lease: LockLease, to ttl: Duration) throws(LockError) -> Duration? {
        try stillHeld(lease) ? ttl : nil
    }

    public func extend(_ lease: LockLease, by extra: Duration) throws(LockError) -> Duration? {
        guard try stillHeld(lease) else { return nil }
        return max(lease.validUntil - ContinuousClock.now, .zero) + extra
    }

    // MARK: - Session

    private func ownedNumber(of lease: LockLease) -> Int64? {
        let number = lockNumber(lease.resource)
        guard let entry = held[number], entry.token == lease.token else { return nil }
        return number
    }

    /// Asks the server whether this session still holds the lease's lock.
    private func stillHeld(_ lease: LockLease) throws(LockError) -> Bool {
        guard let number = ownedNumber(of: lease) else { return false }
        let sql = """
            SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND pid = pg_backend_pid()
              AND granted AND objsubid = 1 AND ((classid::bigint << 32) | objid::bigint) = $1::bigint
            """
        do {
            return try run(sql, number).flatMap { Int($0) } ?? 0 > 0
        } catch {
            // A lost session took its locks with it: report the lease gone, not an error.
            return false
        }
    }

    private func run(_ sql: String, _ parameter: Int64) throws(PostgresLockError) -> String? {
        let session = try openSession()
        do {
            return try session.scalar(sql, parameter)
        } catch {
            if case .unreachable(let reason) = error { dropSession(because: "the PostgreSQL session ended: \(reason)") }
            throw error
        }
    }

    private func openSession() throws(PostgresLockError) -> PostgresSessionHandle {
        if let session, session.isAlive { return session }
        if session != nil { dropSession(because: "the PostgreSQL session ended") }
        let fresh = try PostgresSessionHandle.connect(connectionString)
        session = fresh
        return fresh
    }

    private func dropSession(because reason: String) {
        session = nil
        let lost = held.values.compactMap(\.lease)
        held.removeAll()
        for lease in lost { lease.markLost(.renewalFailed(reason)) }
    }
}
