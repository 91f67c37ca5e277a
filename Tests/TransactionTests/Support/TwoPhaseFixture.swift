import LockKit
import RedisClient
import TestSupport

/// Balances for two-phase tests, read straight from Redis.
struct Balances {
    let connection: RedisConnection

    func set(_ values: [String: Int]) async throws {
        for (key, value) in values { try await connection.send("SET", key, value) }
    }

    func value(_ key: String) async throws -> Int? {
        try await connection.send("GET", key).int
    }

    /// What `TwoPhaseReservation` holds back for undecided withdrawals from `key`.
    func reserved(_ key: String) async throws -> Int {
        try await connection.send("GET", "\(key):reserved").int ?? 0
    }

    /// The ledger entry of one transaction's participant on `key`.
    func ledger(_ key: String, _ id: String, _ index: Int) async throws -> String? {
        try await connection.send("HGET", "\(key):ledger", "\(id):\(index)").string
    }

    func marker(_ id: String, _ index: Int) async throws -> String? {
        try await connection.send("GET", KeySchema.default.transactionPrepare(id, participant: index)).string
    }
}

/// A participant that always refuses, to force an abort.
struct RefusingParticipant: TwoPhaseParticipant {
    var descriptor: TwoPhaseParticipantDescriptor { TwoPhaseParticipantDescriptor(kind: "refusing", parameters: [:]) }
    func prepare(transaction id: String, participant index: Int) async throws -> TwoPhaseVote { .no(reason: "not today") }
    func commit(transaction id: String, participant index: Int) async throws {}
    func abort(transaction id: String, participant index: Int) async throws {}
}

