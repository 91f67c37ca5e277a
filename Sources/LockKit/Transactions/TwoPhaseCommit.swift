import Foundation
import RedisClient

/// Observation points in a coordinator's run, for demos and crash tests (the test agent
/// blocks in one of them and is killed there).
public struct TwoPhaseHooks: Sendable {
    /// After every participant voted yes and `prepared` is recorded, before the decision.
    public var afterPrepare: (@Sendable (_ id: String) async -> Void)?
    /// After the decision (`committing` or `aborting`) is recorded, before phase 2.
    public var afterDecision: (@Sendable (_ id: String, _ decision: TwoPhaseState) async -> Void)?

    /// Hooks; nil ones are skipped.
    public init(afterPrepare: (@Sendable (_ id: String) async -> Void)? = nil,
                afterDecision: (@Sendable (_ id: String, _ decision: TwoPhaseState) async -> Void)? = nil) {
        self.afterPrepare = afterPrepare
        self.afterDecision = afterDecision
    }
}

/// The guide's two-phase commit, with what its sample lacks: participants reserve in
/// `prepare` (so the prepared state cannot change before commit), and the coordinator
/// records its decision durably in `tx:{id}` before phase 2, so another process can finish
/// the transaction after a crash (`recover`).
///
/// Use it when several resources must change together or not at all and every participant
/// can hold a reservation until the decision; for long, multi-service flows whose steps
/// cannot be held open, use `Saga`. The record `tx:{id}` is a hash (state, participants,
/// deadline, createdAt, updatedAt, reason, coordinator); `tx:{id}:prepare:<i>` holds each
/// participant's vote and result. Every state change is a compare-and-set in Lua, and a
/// lock per transaction (`lock:{tx:<id>}`, renewed while it runs) keeps two coordinators
/// from driving the same one at once.
public struct TwoPhaseCommit: Sendable {
    /// Where records, markers and transaction locks live.
    public let connection: RedisConnection
    /// Names of the record, marker and lock keys.
    public let schema: KeySchema
    /// How long, by the Redis server's clock, the prepare phase may take; after that an
    /// undecided transaction is aborted (by this coordinator or by `recover`).
    public var timeout: Duration
    /// TTL of the per-transaction lock; a watchdog renews it while the coordinator runs, so a
    /// crashed coordinator's lock is free for `recover` after at most this long.
    public var lockTTL: Duration
    /// How long to wait for the per-transaction lock.
    public var lockWait: Duration
    /// How long finished records and markers are kept for inspection (zero: forever).
    public var retention: Duration
    /// Called at the pause points of a run.
    public var hooks: TwoPhaseHooks

    /// A coordinator (or, for `recover`, a second coordinator) on `connection`.
    public init(connection: RedisConnection, schema: KeySchema = .default, timeout: Duration = .seconds(30),
                lockTTL: Duration = .seconds(10), lockWait: Duration = .seconds(5), retention: Duration = .seconds(3600),
                hooks: TwoPhaseHooks = TwoPhaseHooks()) {
        self.connection = connection
        self.schema = schema
        self.timeout = timeout
        self.lockTTL = lockTTL
        self.lockWait = lockWait
        self.retention = retention
        self.hooks = hooks
    }

    /// A fresh transaction id: `<unix-ms>-<8 hex>`.
    public static func newTransactionID() -> String {
        let millis = Int64((Date().timeIntervalSince1970 * 1000).rounded(.down))
        let hex = String(UInt32.random(in: .min ... .max), radix: 16)
        return "\(millis)-" + String(repeating: "0", count: 8 - hex.count) + hex
    }

    /// The resource whose lock serialises coordinators of transaction `id`.
    public static func lockResource(_ id: String) -> String { "tx:\(id)" }

    /// Runs the transaction: prepare every participant (in order, stopping at the first
    /// `no`), record the decision, then commit or abort every participant.
    ///
    /// Throws when it cannot finish; what was recorded stays, and `recover` completes it.
    public func run(_ participants: [any TwoPhaseParticipant], id: String = newTransactionID()) async throws(TransactionError) -> TwoPhaseOutcome {
        guard !participants.isEmpty else { throw .invalidArgument("a two-phase commit needs at least one participant") }
        guard timeout > .zero else { throw .invalidArgument("timeout must be positive, got \(timeout)") }
        do { try await ScriptingRequirement.check(connection, pattern: "TwoPhaseCommit") } catch { throw .lock(error) }
        let lock = DistributedLock(connection: connection, schema: schema)
        let lease: LockLease
        do { lease = try await lock.acquire(Self.lockResource(id), ttl: lockTTL, wait: lockWait) } catch { throw .lock(error) }
        let watchdog = LockWatchdog(lease: lease, ttl: lockTTL)
        defer { watchdog.stop() }
        let driver = TwoPhaseDriver(id: id, connection: connection, schema: schema, participants: participants, retention: retention)
        do {
            let outcome = try await drive(driver, lease: lease)
            _ = try? await lease.release()
            return outcome
        } catch {
            _ = try? await lease.release()
            throw error
        }
    }

    private func drive(_ driver: TwoPhaseDriver, lease: LockLease) async throws(TransactionError) -> TwoPhaseOutcome {
        try await begin(driver, coordinator: lease.token)
        let refusal = try await prepareAll(driver)
        // Without the lock another coordinator may be deciding: leave the decision to it.
        guard lease.isHeld else { throw .lock(.notHeld(key: lease.key)) }
        let decision: TwoPhaseState
        if let refusal {
            decision = try await decide(driver, .aborting, from: [.preparing], reason: refusal)
        } else {
            switch try await driver.transition(to: .prepared, from: [.preparing], deadlineRule: "before") {
            case .changed:
                await hooks.afterPrepare?(driver.id)
                decision = try await decide(driver, .committing, from: [.prepared], deadlineRule: "before")
            case .deadlineRule:
                decision = try await decide(driver, .aborting, from: [.preparing], reason: "the prepare phase passed its deadline")
            case .refused(let current):
                decision = try followRecorded(current, driver)
            }
        }
        await hooks.afterDecision?(driver.id, decision)
        return try await driver.finish(decision)
    }

    private func begin(_ driver: TwoPhaseDriver, coordinator: OwnerToken) async throws(TransactionError) {
        let descriptors: String
        do {
            let encoder = JSONEncoder()
            encoder.outputFormatting = .sortedKeys
            descriptors = String(decoding: try encoder.encode(driver.participants.map(\.descriptor)), as: UTF8.self)
        } catch { throw .encoding("participant descriptors: \(error)") }
        let reply: RESPValue
        do {
            reply = try await connection.run(TwoPhaseScripts.begin, keys: [driver.recordKey],
                                             arguments: [descriptors, timeout.wholeMilliseconds, coordinator.value])
        } catch { throw .redis(error) }
        guard let parts = reply.array, parts.count == 2, let created = parts[0].int else {
            throw .malformed(key: driver.recordKey, reason: "unexpected reply to begin: \(reply)")
        }
        guard created == 1 else {
            throw .invalidState(key: driver.recordKey, found: parts[1].string ?? "", expected: "no record (a new transaction id)")
        }
    }

    /// Asks each participant in turn; the first refusal's reason, or nil when all voted yes.
    private func prepareAll(_ driver: TwoPhaseDriver) async throws(TransactionError) -> String? {
        for (index, participant) in driver.participants.enumerated() {
            let vote: TwoPhaseVote
            do {
                vote = try await participant.prepare(transaction: driver.id, participant: index)
            } catch {
                vote = .no(reason: "prepare failed: \(error)")
            }
            switch vote {
            case .yes:
                try await driver.mark(index, "prepared")
            case .no(let reason):
                try await driver.mark(index, "refused: \(reason)")
                return "participant \(index) (\(participant.descriptor.kind)) refused: \(reason)"
            }
        }
        return nil
    }

    /// Records `target` as the decision; if another coordinator recorded one first, follows it.
    private func decide(_ driver: TwoPhaseDriver, _ target: TwoPhaseState, from allowed: [TwoPhaseState],
                        reason: String? = nil, deadlineRule: String = "") async throws(TransactionError) -> TwoPhaseState {
        switch try await driver.transition(to: target, from: allowed, reason: reason, deadlineRule: deadlineRule) {
        case .changed:
            return target
        case .deadlineRule:
            return try await decide(driver, .aborting, from: allowed, reason: "the deadline passed before the commit decision")
        case .refused(let current):
            return try followRecorded(current, driver)
        }
    }

    /// The decision already on record; a transaction without one here is not ours to decide.
    private func followRecorded(_ current: TwoPhaseState?, _ driver: TwoPhaseDriver) throws(TransactionError) -> TwoPhaseState {
        switch current {
        case .committing?, .committed?: return .committing
        case .aborting?, .aborted?: return .aborting
        default: throw .invalidState(key: driver.recordKey, found: current?.rawValue ?? "missing", expected: "a recorded decision")
        }
    }
}
