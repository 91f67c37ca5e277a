import Foundation
import LockKit
import RedisClient
import TestSupport
import Testing

/// A coordinator that really dies (a `lockkit-agent` child, SIGKILLed at a pause point) and a
/// second coordinator, in this process, that finishes what it left.
@Suite struct TwoPhaseRecoveryTests {
    /// Starts `2pc-transfer` of 30 from alice to bob and returns once it printed `line`.
    private func startTransfer(on server: RedisServer, id: String, pause: String, line: String,
                               timeoutMs: Int = 60_000, lockTTLMs: Int = 2_000) async throws -> AgentProcess {
        let agent = try AgentProcess.start([
            "2pc-transfer", "--redis", server.url, "--tx", id,
            "--from", "account:{alice}", "--to", "account:{bob}", "--amount", "30",
            "--timeout-ms", String(timeoutMs), "--lock-ttl-ms", String(lockTTLMs), pause,
        ])
        _ = try await agent.readLine(startingWith: line)
        return agent
    }

    /// A second coordinator that waits for the dead one's lock to expire (nothing renews it any more).
    private func secondCoordinator(_ connection: RedisConnection) -> TwoPhaseCommit {
        TwoPhaseCommit(connection: connection, lockTTL: .seconds(5), lockWait: .seconds(30))
    }

    @Test func aCoordinatorKilledAfterDecidingIsCompletedByASecondCoordinator() async throws {
        let server = try await RedisServer.start()
        let connection = try await server.connect()
        let balances = Balances(connection: connection)
        try await balances.set(["account:{alice}": 100, "account:{bob}": 0])
        let agent = try await startTransfer(on: server, id: "crash-after-decision",
                                            pause: "--pause-after-decision", line: "decided committing")
        await agent.kill()

        // The decision is on record, phase 2 has not run: the money is reserved, not moved.
        #expect(try await TwoPhaseCommit.record("crash-after-decision", connection: connection)?.state == .committing)
        #expect(try await balances.value("account:{alice}") == 70)
        #expect(try await balances.reserved("account:{alice}") == 30)
        #expect(try await balances.value("account:{bob}") == 0)

        let report = try await secondCoordinator(connection).recover(resolve: TwoPhaseReservation.resolver(connection: connection))

        #expect(report.committed == ["crash-after-decision"])
        #expect(report.failed.isEmpty)
        #expect(try await TwoPhaseCommit.record("crash-after-decision", connection: connection)?.state == .committed)
        #expect(try await balances.value("account:{alice}") == 70)
        #expect(try await balances.reserved("account:{alice}") == 0)
        #expect(try await balances.value("account:{bob}") == 30)
    }

    @Test func aCoordinatorKilledBeforeDecidingIsAbortedOnceItsDeadlinePassed() async throws {
        let server = try await RedisServer.start()
        let connection = try await server.connect()
        let balances = Balances(connection: connection)
        try await balances.set(["account:{alice}": 100, "account:{bob}": 0])
        let agent = try await startTransfer(on: server, id: "crash-after-prepare",
                                            pause: "--pause-after-prepare", line: "prepared")
        await agent.kill()
        let record = try #require(try await TwoPhaseCommit.record("crash-after-prepare", connection: connection))
        #expect(record.state == .prepared)
        #expect(try await balances.reserved("account:{alice}") == 30)
        let coordinator = secondCoordinator(connection)
        let resolve = TwoPhaseReservation.resolver(connection: connection)

        // Its deadline is a minute away by the server's clock: the coordinator might still decide.
        let early = try await coordinator.recover(resolve: resolve)
        #expect(early.pending == ["crash-after-prepare"])
        #expect(try await TwoPhaseCommit.record("crash-after-prepare", connection: connection)?.state == .prepared)

        let late = try await coordinator.recover(resolve: resolve, now: record.deadline + 1)

        #expect(late.aborted == ["crash-after-prepare"])
        let aborted = try #require(try await TwoPhaseCommit.record("crash-after-prepare", connection: connection))
        #expect(aborted.state == .aborted)
        #expect(aborted.reason?.contains("deadline") == true)
        #expect(try await balances.value("account:{alice}") == 100)
        #expect(try await balances.reserved("account:{alice}") == 0)
        #expect(try await balances.value("account:{bob}") == 0)
    }

    @Test func recoveryLeavesATransactionWhoseCoordinatorHoldsItsLock() async throws {
        let server = try await RedisServer.start()
        let connection = try await server.connect()
        try await Balances(connection: connection).set(["account:{alice}": 100, "account:{bob}": 0])
        let agent = try await startTransfer(on: server, id: "alive", pause: "--pause-after-decision",
                                            line: "decided committing", lockTTLMs: 30_000)

        // The agent is alive and renews its lock: recovery must not drive its transaction.
        let report = try await TwoPhaseCommit(connection: connection, lockWait: .zero)
            .recover(resolve: TwoPhaseReservation.resolver(connection: connection))

        #expect(report.busy == ["alive"])
        #expect(try await TwoPhaseCommit.record("alive", connection: connection)?.state == .committing)
        await agent.kill()
    }

    @Test func anAgentRunToTheEndCommitsTheTransfer() async throws {
        let server = try await RedisServer.start()
        let connection = try await server.connect()
        let balances = Balances(connection: connection)
        try await balances.set(["account:{alice}": 100, "account:{bob}": 0])
        let agent = try AgentProcess.start([
            "2pc-transfer", "--redis", server.url, "--tx", "whole",
            "--from", "account:{alice}", "--to", "account:{bob}", "--amount", "30",
        ])

        let line = try await agent.readLine(startingWith: "outcome")

        #expect(line == "outcome committed whole")
        #expect(await agent.waitForExit() == 0)
        #expect(try await balances.value("account:{bob}") == 30)
    }
}
