import GuideScenarios
import LockKit
import RedisClient
import TestSupport
import Testing

@Suite struct OrderSagaTests {
    @Test func fiftyConcurrentOrdersAgainstStockOfTwentyConfirmExactlyTwentyAndCompensateTheRest() async throws {
        let server = try await RedisServer.start()
        var connections: [RedisConnection] = []
        for _ in 0..<8 { connections.append(try await server.connect()) }
        let users = (0..<10).map { "user\($0)" }
        let shop = OrderSaga(connection: connections[0])
        try await shop.stock(balances: Dictionary(uniqueKeysWithValues: users.map { ($0, 1_000) }), items: ["widget": 20], coupons: ["SPRING": 100])
        let orders = (0..<50).map { Order(id: "o\($0)", user: users[$0 % 10], item: "widget", amount: 30, coupon: $0.isMultiple(of: 2) ? "SPRING" : nil) }

        let outcomes = try await withThrowingTaskGroup(of: (Order, SagaOutcome).self) { group in
            for (index, order) in orders.enumerated() {
                let shop = OrderSaga(connection: connections[index % connections.count])
                group.addTask { (order, try await shop.place(order)) }
            }
            var outcomes: [(Order, SagaOutcome)] = []
            for try await outcome in group { outcomes.append(outcome) }
            return outcomes
        }
        let confirmed = outcomes.filter { $0.1 == .completed }.map(\.0)
        let failed = outcomes.filter { $0.1 != .completed }
        #expect(confirmed.count == 20)
        #expect(failed.count == 30)
        #expect(failed.allSatisfy { if case .failed(step: "reserveStock", _) = $0.1 { true } else { false } })

        #expect(try await shop.stock(of: "widget") + confirmed.count == 20)
        var total = 0
        for user in users {
            let spent = confirmed.filter { $0.user == user }.map(\.amount).reduce(0, +)
            let balance = try await shop.balance(of: user)
            #expect(balance + spent == 1_000, "balance of \(user)")
            total += balance + spent
        }
        #expect(total == 10_000)
        #expect(try await shop.uses(ofCoupon: "SPRING") + confirmed.filter { $0.coupon != nil }.count == 100)

        let stockHolds = try await shop.holds(shop.keys.stockHolds("widget"))
        let couponHolds = try await shop.holds(shop.keys.couponHolds("SPRING"))
        for (order, outcome) in outcomes {
            let saga = shop.saga(for: order)
            let record = try #require(try await saga.record())
            let balanceHolds = try await shop.holds(shop.keys.balanceHolds(order.user))
            let stockKey = saga.idempotencyKey(for: "reserveStock")
            if outcome == .completed {
                #expect(try await shop.status(ofOrder: order.id) == .confirmed)
                #expect(record.status == .completed)
                #expect(record.steps.values.allSatisfy { $0.state == .done })
                #expect(balanceHolds[saga.idempotencyKey(for: "reserveBalance")] == "30")
                #expect(stockHolds[stockKey] == "1")
                #expect(couponHolds[saga.idempotencyKey(for: "useCoupon")] == (order.coupon == nil ? nil : "1"))
            } else {
                #expect(try await shop.status(ofOrder: order.id) == .cancelled)
                #expect(record.status == .failed)
                #expect(record.steps.mapValues(\.state) == ["reserveBalance": .compensated, "reserveStock": .compensated,
                                                            "useCoupon": .pending, "confirmOrder": .pending])
                #expect(balanceHolds[saga.idempotencyKey(for: "reserveBalance")] == "released")
                #expect(stockHolds[stockKey] == "released")
                #expect(couponHolds[saga.idempotencyKey(for: "useCoupon")] == nil)
            }
        }
        await server.stop()
    }

    @Test(arguments: OrderStep.allCases, [OrderFailurePolicy.Moment.beforeEffect, .afterEffect])
    func aFailureAtAnyStepRestoresBalanceStockAndCoupon(step: OrderStep, moment: OrderFailurePolicy.Moment) async throws {
        let server = try await RedisServer.start()
        let shop = OrderSaga(connection: try await server.connect(), failures: .fail(at: step, moment))
        try await shop.stock(balances: ["alice": 1_000], items: ["widget": 5], coupons: ["C1": 3])
        let order = Order(id: "o1", user: "alice", item: "widget", quantity: 2, amount: 250, coupon: "C1")

        let outcome = try await shop.place(order)
        #expect(outcome == .failed(step: step.rawValue, reason: OrderSagaError.injected(step: step, moment: moment).description))
        #expect(try await shop.balance(of: "alice") == 1_000)
        #expect(try await shop.stock(of: "widget") == 5)
        #expect(try await shop.uses(ofCoupon: "C1") == 3)
        #expect(try await shop.status(ofOrder: "o1") == .cancelled)

        let record = try #require(try await shop.saga(for: order).record())
        #expect(record.status == .failed)
        for other in OrderStep.allCases {
            let index = OrderStep.allCases.firstIndex(of: other) ?? 0
            let failingIndex = OrderStep.allCases.firstIndex(of: step) ?? 0
            // Steps are atomic scripts with tolerant compensations, so the failing one is undone too.
            #expect(record.steps[other.rawValue]?.state == (index > failingIndex ? .pending : .compensated), "\(other)")
        }
        await server.stop()
    }

    @Test func seededRandomFailuresAreReproducibleAndLeaveTheDataConsistent() async throws {
        let server = try await RedisServer.start()
        let connection = try await server.connect()
        let policy = OrderFailurePolicy.random(probability: 0.2, seed: 2_024, .afterEffect)
        let orders = (0..<30).map { Order(id: "r\($0)", user: "user\($0 % 3)", item: "widget", amount: 40, coupon: "C") }
        let expectedFailure = orders.map { order in OrderStep.allCases.first { policy.failure(order: order.id, step: $0) != nil } }
        #expect(expectedFailure == orders.map { order in
            OrderStep.allCases.first { OrderFailurePolicy.random(probability: 0.2, seed: 2_024).failure(order: order.id, step: $0) != nil }
        })
        #expect(expectedFailure.contains(nil) && expectedFailure.contains { $0 != nil })

        let shop = OrderSaga(connection: connection, failures: policy)
        try await shop.stock(balances: ["user0": 1_000, "user1": 1_000, "user2": 1_000], items: ["widget": 100], coupons: ["C": 100])
        let outcomes = try await withThrowingTaskGroup(of: (Int, SagaOutcome).self) { group in
            for (index, order) in orders.enumerated() {
                let shop = OrderSaga(connection: try await server.connect(), failures: policy)
                group.addTask { (index, try await shop.place(order)) }
            }
            var outcomes: [Int: SagaOutcome] = [:]
            for try await (index, outcome) in group { outcomes[index] = outcome }
            return outcomes
        }
        for (index, order) in orders.enumerated() {
            switch outcomes[index] {
            case .completed: #expect(expectedFailure[index] == nil, "\(order.id)")
            case .failed(let step, _): #expect(step == expectedFailure[index]?.rawValue, "\(order.id)")
            case nil: Issue.record("no outcome for \(order.id)")
            }
        }
        let confirmed = orders.indices.filter { outcomes[$0] == .completed }.map { orders[$0] }
        for user in ["user0", "user1", "user2"] {
            let spent = confirmed.filter { $0.user == user }.map(\.amount).reduce(0, +)
            #expect(try await shop.balance(of: user) + spent == 1_000)
        }
        #expect(try await shop.stock(of: "widget") + confirmed.count == 100)
        #expect(try await shop.uses(ofCoupon: "C") + confirmed.count == 100)
        await server.stop()
    }

    @Test func placingTheSameOrderTwiceChargesOnce() async throws {
        let server = try await RedisServer.start()
        let shop = OrderSaga(connection: try await server.connect())
        try await shop.stock(balances: ["alice": 500], items: ["widget": 3])
        let order = Order(id: "o1", user: "alice", item: "widget", amount: 200)
        #expect(try await shop.place(order) == .completed)
        #expect(try await shop.place(order) == .completed)
        #expect(try await shop.balance(of: "alice") == 300)
        #expect(try await shop.stock(of: "widget") == 2)
        var changed = order
        changed.amount = 1
        await #expect(throws: TransactionError.self) { _ = try await shop.place(changed) }
        await server.stop()
    }

    @Test func anOrderWithoutEnoughBalanceFailsAtTheFirstStepAndTouchesNothing() async throws {
        let server = try await RedisServer.start()
        let shop = OrderSaga(connection: try await server.connect())
        try await shop.stock(balances: ["bob": 50], items: ["widget": 3], coupons: ["C1": 1])
        let outcome = try await shop.place(Order(id: "o2", user: "bob", item: "widget", amount: 80, coupon: "C1"))
        #expect(outcome == .failed(step: "reserveBalance", reason: "balance of bob is below 80"))
        #expect(try await shop.balance(of: "bob") == 50)
        #expect(try await shop.stock(of: "widget") == 3)
        #expect(try await shop.uses(ofCoupon: "C1") == 1)
        await server.stop()
    }
}
