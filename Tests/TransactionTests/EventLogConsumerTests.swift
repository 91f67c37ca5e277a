import LockKit
import RedisClient
import TestSupport
import Testing

@Suite struct EventLogConsumerTests {
    private func log(_ server: RedisServer, events: Int) async throws -> EventLog {
        let log = EventLog(connection: try await server.connect(), aggregate: "payment", id: "1")
        try await log.append(contentsOf: (0..<events).map { NewEvent(type: "Charged", data: Array("\($0)".utf8)) })
        return log
    }

    @Test func creatingAGroupTwiceIsHarmless() async throws {
        let server = try await RedisServer.start()
        let log = EventLog(connection: try await server.connect(), aggregate: "payment", id: "new")
        let consumer = EventConsumer(log: log, group: "billing", name: "a")
        #expect(try await consumer.createGroup())
        #expect(try await consumer.createGroup() == false)
        // MKSTREAM made the stream; a group created from the start sees events appended later.
        try await log.append(type: "Charged", data: Array("x".utf8))
        #expect(try await consumer.readNew().map(\.dataText) == ["x"])
        await server.stop()
    }

    @Test func eventsACrashedConsumerLeftPendingAreClaimedByAnotherAndNoneIsHandledTwice() async throws {
        let server = try await RedisServer.start()
        let log = try await log(server, events: 100)
        // Each consumer on its own connection, as in separate processes.
        let consumerA = EventConsumer(log: log, group: "billing", name: "A")
        let consumerB = EventConsumer(log: EventLog(connection: try await server.connect(), aggregate: "payment", id: "1"),
                                      group: "billing", name: "B")
        try await consumerA.createGroup()
        let handled = StepLog()

        // A takes a batch of 50, handles and acknowledges 20, then dies without acknowledging the rest.
        let batch = try await consumerA.readNew(count: 50)
        #expect(batch.count == 50)
        for event in batch.prefix(20) {
            handled.append(event.dataText)
            try await consumerA.acknowledge([event.id])
        }

        // B gets only events never delivered to the group.
        #expect(try await consumerB.process(count: 100) { handled.append($0.dataText) } == 50)
        #expect(try await consumerB.pending() == PendingSummary(total: 30, byConsumer: ["A": 30]))

        // B claims what A left pending (min idle 0: A is known dead here) and handles it.
        let claimed = try await consumerB.processAbandoned(minIdle: .zero) { handled.append($0.dataText) }
        #expect(claimed == 30)
        #expect(handled.all.sorted() == (0..<100).map(String.init).sorted())
        #expect(Set(handled.all).count == 100)

        // Everything is acknowledged: nothing is delivered or claimable again.
        #expect(try await consumerB.pending().total == 0)
        #expect(try await consumerB.claimAbandoned(minIdle: .zero).isEmpty)
        #expect(try await consumerA.readOwnPending().isEmpty)
        #expect(try await consumerA.readNew().isEmpty)
        await server.stop()
    }

    @Test func aRestartedConsumerFindsItsOwnUnacknowledgedEvents() async throws {
        let server = try await RedisServer.start()
        let log = try await log(server, events: 10)
        let consumer = EventConsumer(log: log, group: "billing", name: "worker-1")
        try await consumer.createGroup()
        let first = try await consumer.readNew(count: 4)
        try await consumer.acknowledge([first[0].id])
        let restarted = EventConsumer(log: log, group: "billing", name: "worker-1")
        #expect(try await restarted.readOwnPending().map(\.id) == first.dropFirst().map(\.id))
        await server.stop()
    }

    @Test func claimingRespectsTheMinimumIdleTime() async throws {
        let server = try await RedisServer.start()
        let log = try await log(server, events: 5)
        let consumerA = EventConsumer(log: log, group: "billing", name: "A")
        let consumerB = EventConsumer(log: log, group: "billing", name: "B")
        try await consumerA.createGroup()
        #expect(try await consumerA.readNew().count == 5)
        // Just delivered: not idle for an hour, so a live consumer's work is not taken.
        #expect(try await consumerB.claimAbandoned(minIdle: .seconds(3_600)).isEmpty)
        #expect(try await consumerB.pending().byConsumer == ["A": 5])
        await server.stop()
    }

    @Test func aThrowingHandlerLeavesItsEventPending() async throws {
        let server = try await RedisServer.start()
        let log = try await log(server, events: 3)
        let consumer = EventConsumer(log: log, group: "billing", name: "A")
        try await consumer.createGroup()
        await #expect(throws: TransactionError.self) {
            try await consumer.process { event in
                if event.dataText == "1" { throw StepFailure(description: "poison") }
            }
        }
        #expect(try await consumer.pending().total == 2)
        await server.stop()
    }
}
