import LockKit
import RedisClient
import TestSupport
import Testing

@Suite struct SagaTests {
    @Test func failureAtStepThreeCompensatesStepsTwoAndOneInThatOrder() async throws {
        let server = try await RedisServer.start()
        let log = StepLog()
        let saga = Saga(name: "test", id: "1", steps: loggingSteps(4, log: log, failing: 3), connection: try await server.connect())
        let outcome = try await saga.run()
        #expect(outcome == .failed(step: "s3", reason: "boom at s3, attempt 1"))
        #expect(log.all == ["do s1", "do s2", "do s3", "undo s2", "undo s1"])

        let record = try #require(try await saga.record())
        #expect(record.status == .failed)
        #expect(record.steps.mapValues(\.state) == ["s1": .compensated, "s2": .compensated, "s3": .failed, "s4": .pending])
        #expect(try await eventSummary(saga) == [
            "SagaStarted", "StepStarted s1", "StepDone s1", "StepStarted s2", "StepDone s2", "StepStarted s3", "StepFailed s3",
            "StepCompensating s2", "StepCompensated s2", "StepCompensating s1", "StepCompensated s1", "SagaFailed",
        ])
        await server.stop()
    }

    @Test func aFailedStepWhoseCompensationToleratesAPartialRunIsCompensatedFirst() async throws {
        let server = try await RedisServer.start()
        let log = StepLog()
        let saga = Saga(name: "test", id: "2", steps: loggingSteps(4, log: log, failing: 3, tolerant: [3]), connection: try await server.connect())
        #expect(try await saga.run() == .failed(step: "s3", reason: "boom at s3, attempt 1"))
        #expect(log.all == ["do s1", "do s2", "do s3", "undo s3", "undo s2", "undo s1"])
        await server.stop()
    }

    @Test func stateIsWrittenBeforeAndAfterEachStepAndNeverExpiresMidRun() async throws {
        let server = try await RedisServer.start()
        let observer = try await server.connect()
        let seen = StepLog()
        let steps = (1...3).map { index in
            SagaStep("s\(index)", action: { context in
                let record = try await SagaRecord.load("saga:test:{3}", on: observer)
                let states = record.map { record in record.orderedStepNames.compactMap { record.steps[$0]?.state.rawValue } } ?? []
                let ttl = try await observer.send("PTTL", "saga:test:{3}").int ?? 0
                seen.append("\(context.step): status=\(record?.status.rawValue ?? "?") \(states.joined(separator: ",")) ttl=\(ttl) key=\(context.idempotencyKey)")
            })
        }
        var options = SagaOptions(retention: .seconds(600))
        options.emitsEvents = false
        let saga = Saga(name: "test", id: "3", steps: steps, connection: try await server.connect(), options: options)
        #expect(try await saga.run() == .completed)
        #expect(seen.all == [
            "s1: status=running running,pending,pending ttl=-1 key=test:3:s1",
            "s2: status=running done,running,pending ttl=-1 key=test:3:s2",
            "s3: status=running done,done,running ttl=-1 key=test:3:s3",
        ])
        let record = try #require(try await saga.record())
        #expect(record.status == .completed)
        #expect(record.steps.values.allSatisfy { $0.state == .done && $0.attempt == 1 })
        let ttl = try await observer.send("PTTL", saga.key).int ?? 0
        #expect(ttl > 0 && ttl <= 600_000)
        #expect(try await observer.send("EXISTS", saga.eventLog.key).int == 0)
        await server.stop()
    }

    @Test func aFinishedSagaIsNeverRunAgain() async throws {
        let server = try await RedisServer.start()
        let log = StepLog()
        let saga = Saga(name: "test", id: "4", steps: loggingSteps(3, log: log), connection: try await server.connect())
        #expect(try await saga.run() == .completed)
        #expect(try await saga.run() == .completed)
        #expect(try await saga.resume() == .completed)
        #expect(log.all == ["do s1", "do s2", "do s3"])
        await server.stop()
    }

    @Test func twoProcessesDrivingOneSagaRunEachStepOnce() async throws {
        let server = try await RedisServer.start()
        let log = StepLog()
        let steps = loggingSteps(5, log: log)
        let first = Saga(name: "test", id: "5", steps: steps, connection: try await server.connect())
        let second = Saga(name: "test", id: "5", steps: steps, connection: try await server.connect())
        async let a = first.run()
        async let b = second.run()
        #expect(try await [a, b] == [.completed, .completed])
        #expect(log.all == ["do s1", "do s2", "do s3", "do s4", "do s5"])
        await server.stop()
    }

    @Test func aCompensationThatFailsLeavesTheSagaCompensatingUntilResumed() async throws {
        let server = try await RedisServer.start()
        let log = StepLog()
        var steps = loggingSteps(3, log: log, failing: 3)
        steps[1] = SagaStep("s2", action: { _ in log.append("do s2") }, compensation: { _ in
            log.append("undo s2")
            if log.all.filter({ $0 == "undo s2" }).count == 1 { throw StepFailure(description: "inventory service down") }
        })
        let saga = Saga(name: "test", id: "6", steps: steps, connection: try await server.connect())
        await #expect(throws: TransactionError.compensationFailed(step: "s2", underlying: "inventory service down")) {
            _ = try await saga.run()
        }
        let stuck = try #require(try await saga.record())
        #expect(stuck.status == .compensating)
        #expect(stuck.steps["s2"]?.state == .compensating)
        #expect(stuck.steps["s2"]?.compensationError == "inventory service down")
        #expect(stuck.steps["s1"]?.state == .done)

        #expect(try await saga.resume() == .failed(step: "s3", reason: "boom at s3, attempt 1"))
        #expect(log.all == ["do s1", "do s2", "do s3", "undo s2", "undo s2", "undo s1"])
        await server.stop()
    }

    @Test func aDriverThatLostItsLockCannotOverwriteItsSuccessor() async throws {
        let server = try await RedisServer.start()
        let redis = try await server.connect()
        let log = StepLog()
        let gate = Gate()
        var steps = loggingSteps(3, log: log)
        steps[1] = SagaStep("s2", idempotent: true, action: { context in
            log.append("do s2 attempt \(context.attempt)")
            if context.attempt == 1 { await gate.enterAndWait() }
        })
        let stalled = Saga(name: "test", id: "7", steps: steps, connection: try await server.connect())
        let successor = Saga(name: "test", id: "7", steps: steps, connection: try await server.connect())
        let stalledRun = Task { try await stalled.run() }
        await gate.waitUntilEntered()

        // The stalled driver's lock expires (deleted here instead of waiting out its TTL).
        try await redis.send("DEL", "lock:{saga:test:7}")
        #expect(try await successor.resume() == .completed)
        gate.open()
        await #expect(throws: TransactionError.lock(.notHeld(key: "lock:{saga:test:7}"))) { _ = try await stalledRun.value }

        #expect(log.all == ["do s1", "do s2 attempt 1", "do s2 attempt 2", "do s3"])
        let record = try #require(try await successor.record())
        #expect(record.status == .completed)
        #expect(record.steps["s2"]?.attempt == 2)
        await server.stop()
    }

    @Test func aNonIdempotentStepLeftRunningIsCompensatedOnlyIfItsCompensationToleratesIt() async throws {
        let server = try await RedisServer.start()
        let redis = try await server.connect()
        for tolerant in [false, true] {
            let log = StepLog()
            let gate = Gate()
            let id = tolerant ? "tolerant" : "strict"
            var steps = loggingSteps(3, log: log, idempotent: false)
            steps[1] = SagaStep("s2", compensationToleratesPartialRun: tolerant, action: { _ in
                log.append("do s2")
                await gate.enterAndWait()
            }, compensation: { _ in log.append("undo s2") })
            let stalled = Saga(name: "test", id: id, steps: steps, connection: try await server.connect())
            let stalledRun = Task { try await stalled.run() }
            await gate.waitUntilEntered()
            try await redis.send("DEL", "lock:{saga:test:\(id)}")

            let successor = Saga(name: "test", id: id, steps: steps, connection: try await server.connect())
            if tolerant {
                #expect(try await successor.resume() == .failed(step: "s2", reason: "outcome unknown: the process driving it stopped while it ran"))
                #expect(log.all == ["do s1", "do s2", "undo s2", "undo s1"])
            } else {
                await #expect(throws: TransactionError.self) { _ = try await successor.resume() }
                #expect(try await successor.record()?.steps["s2"]?.state == .running)
                #expect(log.all == ["do s1", "do s2"])
            }
            gate.open()
            _ = try? await stalledRun.value
        }
        await server.stop()
    }

    @Test func resumingASagaThatNeverStartedThrowsNotFound() async throws {
        let server = try await RedisServer.start()
        let saga = Saga(name: "test", id: "ghost", steps: loggingSteps(2, log: StepLog()), connection: try await server.connect())
        await #expect(throws: TransactionError.notFound(key: "saga:test:{ghost}")) { _ = try await saga.resume() }
        #expect(try await saga.record() == nil)
        await server.stop()
    }

    @Test func unfinishedSagasAreFoundForRecovery() async throws {
        let server = try await RedisServer.start()
        let connection = try await server.connect()
        let gate = Gate()
        var steps = loggingSteps(2, log: StepLog())
        steps[1] = SagaStep("s2", action: { _ in await gate.enterAndWait() })
        #expect(try await Saga(name: "test", id: "done", steps: loggingSteps(2, log: StepLog()), connection: connection).run() == .completed)
        let running = Task { try await Saga(name: "test", id: "busy", steps: steps, connection: try await server.connect()).run() }
        await gate.waitUntilEntered()
        let unfinished = try await SagaRecovery.unfinished(name: "test", on: connection)
        #expect(unfinished.map(\.id) == ["busy"])
        #expect(unfinished.first?.record.steps["s2"]?.state == .running)
        gate.open()
        #expect(try await running.value == .completed)
        #expect(try await SagaRecovery.unfinished(name: "test", on: connection).isEmpty)
        await server.stop()
    }

    @Test func invalidDefinitionsAreRejectedBeforeAnythingIsWritten() async throws {
        let server = try await RedisServer.start()
        let connection = try await server.connect()
        let noop: SagaStep.Action = { _ in }
        for steps in [[], [SagaStep("a", action: noop), SagaStep("a", action: noop)], [SagaStep("status", action: noop)]] {
            await #expect(throws: TransactionError.self) { _ = try await Saga(name: "test", id: "bad", steps: steps, connection: connection).run() }
        }
        #expect(try await connection.send("EXISTS", "saga:test:{bad}").int == 0)
        await server.stop()
    }
}
