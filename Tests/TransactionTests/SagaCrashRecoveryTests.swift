import GuideScenarios
import LockKit
import RedisClient
import TestSupport
import Testing

/// A real `lockkit-agent` process drives the order saga and is SIGKILLed at a known point;
/// this process then recovers the saga and checks the shop's data, not just the status.
@Suite struct SagaCrashRecoveryTests {
    private let order = Order(id: "o1", user: "alice", item: "widget", quantity: 1, amount: 100, coupon: "C1")

    private func shop(_ server: RedisServer, failures: OrderFailurePolicy = .none) async throws -> OrderSaga {
        OrderSaga(connection: try await server.connect(), failures: failures)
    }

    /// Starts the agent on `order`, waits for its `paused-<pause> <step>` line and kills it.
    private func runAgentUntilKilled(_ server: RedisServer, pause: String, at step: OrderStep) async throws {
        let shop = try await shop(server)
        try await shop.stock(balances: ["alice": 1_000], items: ["widget": 5], coupons: ["C1": 3])
        let agent = try AgentProcess.start(["saga-order", "--url", server.url, "--order", order.id, "--user", order.user,
                                            "--item", order.item, "--amount", String(order.amount), "--coupon", "C1",
                                            "--\(pause)", step.rawValue])
        #expect(try await agent.readLine(startingWith: "paused-") == "paused-\(pause.dropFirst("pause-".count)) \(step.rawValue)")
        let saga = shop.saga(for: order)
        let owner = OwnerToken(value: try #require(try await saga.record()?.owner))
        #expect(owner.parts?.pid == agent.pid)
        // While the agent lives, its lock is never broken.
        #expect(try await saga.breakAbandonedLock() == .heldByLiveProcess(owner: owner))
        await agent.kill()
    }

    private func states(_ server: RedisServer) async throws -> [String: SagaStepState]? {
        try await shop(server).saga(for: order).record()?.steps.mapValues(\.state)
    }

    @Test func aSagaKilledAfterReservingStockIsResumedToCompletionByAnotherProcess() async throws {
        let server = try await RedisServer.start()
        try await runAgentUntilKilled(server, pause: "pause-after", at: .reserveStock)
        let shop = try await shop(server)
        let saga = shop.saga(for: order)
        #expect(try await saga.record()?.status == .running)
        #expect(try await states(server) == ["reserveBalance": .done, "reserveStock": .done, "useCoupon": .pending, "confirmOrder": .pending])
        #expect(try await [shop.balance(of: "alice"), shop.stock(of: "widget"), shop.uses(ofCoupon: "C1")] == [900, 4, 3])

        guard case .released = try await saga.breakAbandonedLock() else {
            Issue.record("the dead agent's lock was not released")
            return
        }
        #expect(try await shop.resume(orderID: order.id) == .completed)
        #expect(try await [shop.balance(of: "alice"), shop.stock(of: "widget"), shop.uses(ofCoupon: "C1")] == [900, 4, 2])
        #expect(try await shop.status(ofOrder: order.id) == .confirmed)
        let record = try #require(try await saga.record())
        #expect(record.status == .completed)
        #expect(record.steps.values.allSatisfy { $0.state == .done && $0.attempt == 1 })
        let events = try await eventSummary(saga)
        #expect(events.filter { $0 == "StepStarted reserveStock" }.count == 1)
        #expect(events.suffix(6) == ["SagaResumed", "StepStarted useCoupon", "StepDone useCoupon",
                                     "StepStarted confirmOrder", "StepDone confirmOrder", "SagaCompleted"])
        await server.stop()
    }

    @Test func aSagaKilledAfterAStepsEffectButBeforeItWasRecordedDoesNotApplyItTwice() async throws {
        let server = try await RedisServer.start()
        try await runAgentUntilKilled(server, pause: "pause-in", at: .reserveStock)
        let shop = try await shop(server)
        #expect(try await states(server)?["reserveStock"] == .running)
        #expect(try await shop.stock(of: "widget") == 4)

        #expect(try await shop.recover(orderID: order.id) == .completed)
        #expect(try await [shop.balance(of: "alice"), shop.stock(of: "widget"), shop.uses(ofCoupon: "C1")] == [900, 4, 2])
        #expect(try await shop.holds(shop.keys.stockHolds("widget")) == ["order:o1:reserveStock": "1"])
        #expect(try await shop.saga(for: order).record()?.steps["reserveStock"]?.attempt == 2)
        await server.stop()
    }

    @Test func aSagaKilledBeforeAStepRanCompletesItOnce() async throws {
        let server = try await RedisServer.start()
        try await runAgentUntilKilled(server, pause: "pause-before", at: .reserveStock)
        let shop = try await shop(server)
        #expect(try await states(server)?["reserveStock"] == .running)
        #expect(try await shop.stock(of: "widget") == 5)

        #expect(try await shop.recover(orderID: order.id) == .completed)
        #expect(try await [shop.balance(of: "alice"), shop.stock(of: "widget"), shop.uses(ofCoupon: "C1")] == [900, 4, 2])
        await server.stop()
    }

    @Test func aSagaKilledMidwayThatFailsAfterResumingIsFullyCompensated() async throws {
        let server = try await RedisServer.start()
        try await runAgentUntilKilled(server, pause: "pause-after", at: .reserveStock)
        let shop = try await shop(server, failures: .fail(at: .useCoupon, .afterEffect))

        let outcome = try await shop.recover(orderID: order.id)
        #expect(outcome == .failed(step: "useCoupon", reason: "injected failure at useCoupon (afterEffect)"))
        #expect(try await [shop.balance(of: "alice"), shop.stock(of: "widget"), shop.uses(ofCoupon: "C1")] == [1_000, 5, 3])
        #expect(try await shop.status(ofOrder: order.id) == .cancelled)
        #expect(try await states(server) == ["reserveBalance": .compensated, "reserveStock": .compensated,
                                             "useCoupon": .compensated, "confirmOrder": .pending])
        await server.stop()
    }
}
