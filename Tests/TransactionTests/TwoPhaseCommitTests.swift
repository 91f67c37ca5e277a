import Foundation
import LockKit
import RedisClient
import TestSupport
import Testing

@Suite struct TwoPhaseCommitTests {
    @Test func allParticipantsCommitTogether() async throws {
        let server = try await RedisServer.start()
        let connection = try await server.connect()
        let balances = Balances(connection: connection)
        try await balances.set(["account:{alice}": 100, "account:{bob}": 5, "stock:{widget}": 3])
        let participants: [any TwoPhaseParticipant] = [
            TwoPhaseReservation(connection: connection, key: "account:{alice}", delta: -30),
            TwoPhaseReservation(connection: connection, key: "account:{bob}", delta: 30),
            TwoPhaseReservation(connection: connection, key: "stock:{widget}", delta: -1),
        ]

        let outcome = try await TwoPhaseCommit(connection: connection).run(participants, id: "t1")

        #expect(outcome == .committed)
        #expect(try await balances.value("account:{alice}") == 70)
        #expect(try await balances.value("account:{bob}") == 35)
        #expect(try await balances.value("stock:{widget}") == 2)
        #expect(try await balances.reserved("account:{alice}") == 0)
        #expect(try await balances.reserved("stock:{widget}") == 0)
        let record = try #require(try await TwoPhaseCommit.record("t1", connection: connection))
        #expect(record.state == .committed)
        #expect(record.participants.count == 3)
        for index in 0..<3 { #expect(try await balances.marker("t1", index) == "committed") }
        #expect(try await connection.send("EXISTS", "lock:{tx:t1}").int == 0)
    }

    @Test func oneRefusalAbortsEveryParticipantAndReturnsReservations() async throws {
        let server = try await RedisServer.start()
        let connection = try await server.connect()
        let balances = Balances(connection: connection)
        try await balances.set(["account:{alice}": 100, "account:{bob}": 0, "account:{carol}": 5])
        let participants: [any TwoPhaseParticipant] = [
            TwoPhaseReservation(connection: connection, key: "account:{alice}", delta: -30),
            TwoPhaseReservation(connection: connection, key: "account:{bob}", delta: 30),
            TwoPhaseReservation(connection: connection, key: "account:{carol}", delta: -10),
        ]

        let outcome = try await TwoPhaseCommit(connection: connection).run(participants, id: "t2")

        guard case .aborted(let reason) = outcome else {
            Issue.record("expected an abort, got \(outcome)")
            return
        }
        #expect(reason.contains("participant 2"))
        #expect(try await balances.value("account:{alice}") == 100)
        #expect(try await balances.reserved("account:{alice}") == 0)
        #expect(try await balances.value("account:{bob}") == 0)
        #expect(try await balances.value("account:{carol}") == 5)
        #expect(try await balances.ledger("account:{alice}", "t2", 0) == "aborted")
        #expect(try await balances.ledger("account:{bob}", "t2", 1) == "aborted")
        #expect(try await TwoPhaseCommit.record("t2", connection: connection)?.state == .aborted)
        #expect(try await balances.marker("t2", 2) == "aborted")
    }

    @Test func aRefusingParticipantOfAnotherKindAbortsTheReservationsBeforeIt() async throws {
        let server = try await RedisServer.start()
        let connection = try await server.connect()
        let balances = Balances(connection: connection)
        try await balances.set(["stock:{widget}": 10])
        let participants: [any TwoPhaseParticipant] = [
            TwoPhaseReservation(connection: connection, key: "stock:{widget}", delta: -4),
            RefusingParticipant(),
        ]

        let outcome = try await TwoPhaseCommit(connection: connection).run(participants, id: "t3")

        #expect(outcome == .aborted(reason: "participant 1 (refusing) refused: not today"))
        #expect(try await balances.value("stock:{widget}") == 10)
        #expect(try await balances.reserved("stock:{widget}") == 0)
    }

    @Test func aPrepareThatArrivesAfterItsAbortIsRefused() async throws {
        let server = try await RedisServer.start()
        let connection = try await server.connect()
        let balances = Balances(connection: connection)
        try await balances.set(["stock:{widget}": 10])
        let reservation = TwoPhaseReservation(connection: connection, key: "stock:{widget}", delta: -4)

        try await reservation.abort(transaction: "late", participant: 0)
        let vote = try await reservation.prepare(transaction: "late", participant: 0)

        #expect(vote != .yes)
        #expect(try await balances.value("stock:{widget}") == 10)
    }

    @Test func aTransactionIdCannotBeReused() async throws {
        let server = try await RedisServer.start()
        let connection = try await server.connect()
        try await Balances(connection: connection).set(["stock:{widget}": 10])
        let coordinator = TwoPhaseCommit(connection: connection)
        let participant = TwoPhaseReservation(connection: connection, key: "stock:{widget}", delta: -1)
        _ = try await coordinator.run([participant], id: "once")

        await #expect(throws: TransactionError.self) { _ = try await coordinator.run([participant], id: "once") }
        #expect(try await Balances(connection: connection).value("stock:{widget}") == 9)
    }
}
