import RedisClient

/// The steps of one transaction that the coordinator and recovery share: state changes on
/// the record, prepare markers, and phase 2 (idempotent, so it can be repeated by anyone).
struct TwoPhaseDriver: Sendable {
    let id: String
    let connection: RedisConnection
    let schema: KeySchema
    let participants: [any TwoPhaseParticipant]
    /// How long a finished record and its markers are kept (zero keeps them forever).
    let retention: Duration

    var recordKey: String { schema.transaction(id) }
    var markerKeys: [String] { participants.indices.map { schema.transactionPrepare(id, participant: $0) } }

    /// Compare-and-set of the state; see `TwoPhaseScripts.transition`.
    func transition(to state: TwoPhaseState, from allowed: [TwoPhaseState], reason: String? = nil,
                    deadlineRule: String = "", now: Int64? = nil) async throws(TransactionError) -> TwoPhaseTransition {
        let retentionMs = state.isFinal ? retention.wholeMilliseconds : 0
        let arguments: [any RedisArgument] = [state.rawValue, allowed.map(\.rawValue).joined(separator: " "), reason ?? "",
                                              now.map { String($0) } ?? "", deadlineRule, retentionMs]
        let reply: RESPValue
        do {
            reply = try await connection.run(TwoPhaseScripts.transition, keys: [recordKey] + markerKeys, arguments: arguments)
        } catch { throw .redis(error) }
        guard let parts = reply.array, parts.count >= 2, let flag = parts[0].int, let current = parts[1].string else {
            throw .malformed(key: recordKey, reason: "unexpected reply to a state change: \(reply)")
        }
        if flag == 1 { return .changed }
        let found = TwoPhaseState(rawValue: current)
        if parts.count >= 3, let found { return .deadlineRule(current: found) }
        return .refused(current: found)
    }

    /// Writes participant `index`'s marker (`prepared`, `refused: ...`, `committed`, `aborted`).
    func mark(_ index: Int, _ value: String) async throws(TransactionError) {
        do {
            try await connection.send("SET", schema.transactionPrepare(id, participant: index), value)
        } catch { throw .redis(error) }
    }

    /// Phase 2 for a recorded decision: every participant commits (or aborts), then the
    /// record is finished. Stops at the first participant that fails, leaving the decision
    /// in place for a later `recover` to finish.
    func finish(_ decision: TwoPhaseState) async throws(TransactionError) -> TwoPhaseOutcome {
        let committing = decision == .committing
        for (index, participant) in participants.enumerated() {
            do {
                if committing {
                    try await participant.commit(transaction: id, participant: index)
                } else {
                    try await participant.abort(transaction: id, participant: index)
                }
            } catch {
                let action = committing ? "commit" : "abort"
                throw .stepFailed(step: "\(action) of participant \(index) (\(participant.descriptor.kind))",
                                  underlying: "\(error); \(recordKey) stays '\(decision.rawValue)' and TwoPhaseCommit.recover finishes it")
            }
            try await mark(index, committing ? "committed" : "aborted")
        }
        let final: TwoPhaseState = committing ? .committed : .aborted
        switch try await transition(to: final, from: [decision, final]) {
        case .changed: break
        case .refused(let current):
            throw .invalidState(key: recordKey, found: current?.rawValue ?? "missing", expected: decision.rawValue)
        case .deadlineRule(let current):
            throw .invalidState(key: recordKey, found: current.rawValue, expected: decision.rawValue)
        }
        return committing ? .committed : .aborted(reason: try await abortReason())
    }

    /// The reason stored with an abort decision.
    func abortReason() async throws(TransactionError) -> String {
        do {
            return try await connection.send("HGET", recordKey, "reason").string ?? "aborted"
        } catch { throw .redis(error) }
    }
}
