import Foundation
import RedisClient

/// Where a two-phase transaction stands, as stored in the `state` field of `tx:{id}`.
public enum TwoPhaseState: String, Sendable, Hashable, CaseIterable {
    /// Participants are being asked to prepare; no decision yet.
    case preparing
    /// Every participant voted yes; no decision yet.
    case prepared
    /// Decided to commit (durable): phase 2 commits every participant.
    case committing
    case committed
    /// Decided to abort (durable): phase 2 aborts every participant.
    case aborting
    case aborted

    /// Finished: nothing is left to do.
    public var isFinal: Bool { self == .committed || self == .aborted }
    /// Decided but phase 2 may be unfinished.
    public var isDecided: Bool { self == .committing || self == .aborting }
}

/// How a two-phase transaction ended.
public enum TwoPhaseOutcome: Sendable, Hashable {
    case committed
    case aborted(reason: String)
}

/// The stored record of one transaction, read from the hash `tx:{id}`.
public struct TwoPhaseRecord: Sendable, Hashable {
    /// The transaction id (the hash tag of its keys).
    public let id: String
    /// Where it stands now.
    public let state: TwoPhaseState
    /// Participants in index order, as recovery rebuilds them.
    public let participants: [TwoPhaseParticipantDescriptor]
    /// Unix ms (Redis server clock) after which an undecided transaction is aborted.
    public let deadline: Int64
    /// Unix ms (server clock) when it began.
    public let createdAt: Int64
    /// Unix ms (server clock) of the last state change.
    public let updatedAt: Int64
    /// Why it aborts, when it does.
    public let reason: String?
    /// Owner token of the coordinator that started it.
    public let coordinator: String?

    /// Parses an HGETALL reply; throws `.malformed` for a hash LockKit did not write.
    init(id: String, key: String, fields reply: RESPValue) throws(TransactionError) {
        guard let items = reply.array else { throw .malformed(key: key, reason: "HGETALL did not return an array") }
        var fields: [String: String] = [:]
        var index = 0
        while index + 1 < items.count {
            if let name = items[index].string, let value = items[index + 1].string { fields[name] = value }
            index += 2
        }
        guard !fields.isEmpty else { throw .notFound(key: key) }
        guard let stateText = fields["state"], let state = TwoPhaseState(rawValue: stateText) else {
            throw .malformed(key: key, reason: "state '\(fields["state"] ?? "")' is not a two-phase state")
        }
        guard let deadlineText = fields["deadline"], let deadline = Int64(deadlineText) else {
            throw .malformed(key: key, reason: "deadline '\(fields["deadline"] ?? "")' is not a number of milliseconds")
        }
        let participants: [TwoPhaseParticipantDescriptor]
        do {
            participants = try JSONDecoder().decode([TwoPhaseParticipantDescriptor].self, from: Data((fields["participants"] ?? "").utf8))
        } catch {
            throw .malformed(key: key, reason: "participants is not a JSON list of descriptors: \(error)")
        }
        self.id = id
        self.state = state
        self.participants = participants
        self.deadline = deadline
        createdAt = fields["createdAt"].flatMap { Int64($0) } ?? 0
        updatedAt = fields["updatedAt"].flatMap { Int64($0) } ?? 0
        reason = fields["reason"]
        coordinator = fields["coordinator"]
    }
}

extension TwoPhaseCommit {
    /// The record of transaction `id`, or nil when there is none (never started, or expired).
    public static func record(_ id: String, connection: RedisConnection, schema: KeySchema = .default) async throws(TransactionError) -> TwoPhaseRecord? {
        let key = schema.transaction(id)
        let reply: RESPValue
        do { reply = try await connection.send("HGETALL", key) } catch { throw .redis(error) }
        if reply.array?.isEmpty ?? false { return nil }
        return try TwoPhaseRecord(id: id, key: key, fields: reply)
    }

    /// The Redis server's clock in unix ms, the clock deadlines are measured by.
    public static func serverTime(_ connection: RedisConnection) async throws(TransactionError) -> Int64 {
        let reply: RESPValue
        do { reply = try await connection.send("TIME") } catch { throw .redis(error) }
        guard let parts = reply.array, parts.count == 2,
              let seconds = parts[0].string.flatMap({ Int64($0) }), let micros = parts[1].string.flatMap({ Int64($0) }) else {
            throw .redis(.protocolViolation(endpoint: connection.endpoint.description, command: "TIME", reason: "expected two numbers, got \(reply)"))
        }
        return seconds * 1000 + micros / 1000
    }
}
