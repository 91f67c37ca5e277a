import RedisClient

/// What one `TwoPhaseCommit.recover` pass did, by transaction id.
public struct TwoPhaseRecoveryReport: Sendable, Equatable {
    /// Finished by committing every participant.
    public var committed: [String] = []
    /// Finished by aborting every participant.
    public var aborted: [String] = []
    /// Undecided and still before their deadline: their coordinator may be working on them.
    public var pending: [String] = []
    /// Another coordinator holds their lock.
    public var busy: [String] = []
    /// Could not be finished this time (id: why); they stay in doubt for the next pass.
    public var failed: [String: String] = [:]

    /// An empty report.
    public init() {}
}

extension TwoPhaseCommit {
    /// Finishes the transactions a crashed coordinator left in doubt (a second coordinator's
    /// job, run at start-up or periodically): `committing` are committed, `aborting` are
    /// aborted, and `preparing`/`prepared` past their deadline are aborted.
    ///
    /// Records are found with SCAN (never KEYS). Each is driven under its transaction lock;
    /// one whose lock stays held for `lockWait` is reported `busy`. `resolve` rebuilds the
    /// participants from their stored descriptors. `now` (unix ms) replaces the Redis
    /// server's clock in the deadline check, for tests and for operators who know better.
    public func recover(resolve: TwoPhaseParticipantResolver, now: Int64? = nil,
                        scanCount: Int = 100) async throws(TransactionError) -> TwoPhaseRecoveryReport {
        var report = TwoPhaseRecoveryReport()
        for id in try await inDoubtTransactions(scanCount: scanCount) {
            do {
                try await recover(id, resolve: resolve, now: now, into: &report)
            } catch {
                report.failed[id] = error.description
            }
        }
        return report
    }

    /// Ids of transactions whose record is not finished (committed or aborted).
    public func inDoubtTransactions(scanCount: Int = 100) async throws(TransactionError) -> [String] {
        var ids: [String] = []
        var cursor = "0"
        repeat {
            let reply: RESPValue
            do {
                reply = try await connection.send("SCAN", cursor, "MATCH", schema.namespace + "tx:*", "COUNT", max(1, scanCount), "TYPE", "hash")
            } catch { throw .redis(error) }
            guard let parts = reply.array, parts.count == 2, let next = parts[0].string, let keys = parts[1].array else {
                throw .redis(.protocolViolation(endpoint: connection.endpoint.description, command: "SCAN", reason: "unexpected reply \(reply)"))
            }
            cursor = next
            ids += keys.compactMap { $0.string.flatMap(transactionID(of:)) }
        } while cursor != "0"
        var inDoubt: [String] = []
        // SCAN may return a key twice; a record another tool wrote under tx:* is not ours to touch.
        for id in Set(ids).sorted() {
            let state: String?
            do { state = try await connection.send("HGET", schema.transaction(id), "state").string } catch { throw .redis(error) }
            if let state, let parsed = TwoPhaseState(rawValue: state), !parsed.isFinal { inDoubt.append(id) }
        }
        return inDoubt
    }

    private func transactionID(of key: String) -> String? {
        let prefix = schema.namespace + "tx:"
        guard key.hasPrefix(prefix) else { return nil }
        var id = Substring(key.dropFirst(prefix.count))
        if schema.layout == .hashTagged {
            guard id.hasPrefix("{"), id.hasSuffix("}") else { return nil }
            id = id.dropFirst().dropLast()
        }
        let candidate = String(id)
        return !candidate.isEmpty && schema.transaction(candidate) == key ? candidate : nil
    }

    private func recover(_ id: String, resolve: TwoPhaseParticipantResolver, now: Int64?,
                         into report: inout TwoPhaseRecoveryReport) async throws(TransactionError) {
        let lock = DistributedLock(connection: connection, schema: schema)
        let lease: LockLease
        do {
            guard let taken = try await takeLock(lock, id) else {
                report.busy.append(id)
                return
            }
            lease = taken
        } catch { throw .lock(error) }
        let watchdog = LockWatchdog(lease: lease, ttl: lockTTL)
        defer { watchdog.stop() }
        do {
            try await drive(id, resolve: resolve, now: now, into: &report)
            _ = try? await lease.release()
        } catch {
            _ = try? await lease.release()
            throw error
        }
    }

    private func takeLock(_ lock: DistributedLock, _ id: String) async throws(LockError) -> LockLease? {
        guard lockWait > .zero else { return try await lock.tryAcquire(Self.lockResource(id), ttl: lockTTL) }
        do {
            return try await lock.acquire(Self.lockResource(id), ttl: lockTTL, wait: lockWait)
        } catch {
            if case .timeout = error { return nil }
            throw error
        }
    }

    private func drive(_ id: String, resolve: TwoPhaseParticipantResolver, now: Int64?,
                       into report: inout TwoPhaseRecoveryReport) async throws(TransactionError) {
        // Read again under the lock: the coordinator may have finished it meanwhile.
        guard let record = try await Self.record(id, connection: connection, schema: schema), !record.state.isFinal else { return }
        var participants: [any TwoPhaseParticipant] = []
        for descriptor in record.participants {
            guard let participant = resolve(descriptor) else {
                report.failed[id] = "no participant resolver knows kind '\(descriptor.kind)'"
                return
            }
            participants.append(participant)
        }
        let driver = TwoPhaseDriver(id: id, connection: connection, schema: schema, participants: participants, retention: retention)
        let decision: TwoPhaseState
        switch record.state {
        case .committing, .aborting:
            decision = record.state
        case .preparing, .prepared:
            switch try await driver.transition(to: .aborting, from: [.preparing, .prepared],
                                               reason: "the coordinator did not decide before the deadline",
                                               deadlineRule: "after", now: now) {
            case .changed:
                decision = .aborting
            case .deadlineRule:
                report.pending.append(id)
                return
            case .refused(let current):
                guard let current, current.isDecided else { return }
                decision = current
            }
        case .committed, .aborted:
            return
        }
        switch try await driver.finish(decision) {
        case .committed: report.committed.append(id)
        case .aborted: report.aborted.append(id)
        }
    }
}
