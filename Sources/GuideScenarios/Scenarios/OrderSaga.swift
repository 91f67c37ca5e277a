import LockKit
import RedisClient

/// The guide's order saga over plain Redis keys: reserve balance -> reserve stock -> use
/// coupon -> confirm. Each step is one Lua script, atomic in Redis and idempotent: it records
/// a hold under its idempotency key in the resource's `:holds` hash (same hash tag, same
/// slot), so a re-run never reserves twice and a compensation releases at most once. A
/// compensation that finds no hold leaves a `released` tombstone, so a late re-run of the
/// reservation is refused rather than reserving after the saga gave up.
///
/// Used by `locktop demo`, `lockkit-agent saga-order` and the tests; failures are injected
/// with an `OrderFailurePolicy`.
public struct OrderSaga: Sendable {
    /// The saga name: state in `saga:order:{<order id>}`, events in `events:order:{<order id>}`.
    public static let sagaName = "order"

    public let connection: RedisConnection
    /// Names of the shop's keys.
    public var keys: ShopKeys
    /// Which steps fail on purpose.
    public var failures: OrderFailurePolicy
    /// Options of every order's saga (observer, TTLs).
    public var sagaOptions: SagaOptions
    /// Called inside a step right after its Redis effect, before the step reports done
    /// (the agent pauses here to be killed with the effect applied but not recorded).
    public var effectObserver: (@Sendable (OrderStep) async -> Void)?

    /// A shop on `connection`; nothing is written until an order is placed.
    public init(connection: RedisConnection, keys: ShopKeys = ShopKeys(), failures: OrderFailurePolicy = .none,
                sagaOptions: SagaOptions = SagaOptions(), effectObserver: (@Sendable (OrderStep) async -> Void)? = nil) {
        self.connection = connection
        self.keys = keys
        self.failures = failures
        self.sagaOptions = sagaOptions
        self.effectObserver = effectObserver
    }

    /// Records the order (unless it exists) and runs its saga; a failed order is marked cancelled.
    /// Placing the same order again returns its recorded outcome; an existing id with other details is refused.
    public func place(_ order: Order) async throws(TransactionError) -> SagaOutcome {
        try order.validate()
        let created: Bool
        do {
            created = try await connection.run(OrderScripts.createOrder, keys: [keys.order(order.id)],
                                               arguments: [order.user, order.item, order.quantity, order.amount, order.coupon ?? ""]).int == 1
        } catch { throw .redis(error) }
        if !created {
            let stored = try await loadOrder(order.id)
            guard stored == order else {
                throw .invalidState(key: keys.order(order.id), found: "\(stored)", expected: "\(order) (order ids must be unique)")
            }
        }
        return try await finish(order, try await saga(for: order).run())
    }

    /// Continues the saga of an order that another process started.
    public func resume(orderID: String) async throws(TransactionError) -> SagaOutcome {
        let order = try await loadOrder(orderID)
        return try await finish(order, try await saga(for: order).resume())
    }

    /// Like `resume`, first freeing the lock of a crashed local driver (`Saga.recover`).
    public func recover(orderID: String) async throws(TransactionError) -> SagaOutcome {
        let order = try await loadOrder(orderID)
        return try await finish(order, try await saga(for: order).recover())
    }

    /// The saga that processes `order`.
    public func saga(for order: Order) -> Saga {
        Saga(name: Self.sagaName, id: order.id, steps: OrderStep.allCases.map { step(for: $0, order) },
             connection: connection, options: sagaOptions)
    }

    /// Reads an order from `shop:order:{<id>}`.
    public func loadOrder(_ id: String) async throws(TransactionError) -> Order {
        let key = keys.order(id)
        let reply: RESPValue
        do {
            reply = try await connection.send("HGETALL", key)
        } catch { throw .redis(error) }
        var fields: [String: String] = [:]
        let items = reply.array ?? []
        for index in stride(from: 0, to: items.count - 1, by: 2) {
            if let field = items[index].string, let value = items[index + 1].string { fields[field] = value }
        }
        guard !fields.isEmpty else { throw .notFound(key: key) }
        guard let user = fields["user"], let item = fields["item"],
              let quantity = fields["quantity"].flatMap({ Int($0) }), let amount = fields["amount"].flatMap({ Int($0) }) else {
            throw .malformed(key: key, reason: "order hash lacks user, item, quantity or amount: \(fields)")
        }
        let coupon = fields["coupon"].flatMap { $0.isEmpty ? nil : $0 }
        return Order(id: id, user: user, item: item, quantity: quantity, amount: amount, coupon: coupon)
    }

    private func finish(_ order: Order, _ outcome: SagaOutcome) async throws(TransactionError) -> SagaOutcome {
        if case .failed = outcome {
            do {
                try await connection.run(OrderScripts.cancelOrder, keys: [keys.order(order.id)])
            } catch { throw .redis(error) }
        }
        return outcome
    }

    private func step(for step: OrderStep, _ order: Order) -> SagaStep {
        let keys = keys
        let connection = connection
        let failures = failures
        let observer = effectObserver
        let effect = OrderStepEffect(step: step, order: order, keys: keys)
        return SagaStep(step.rawValue, idempotent: true, compensationToleratesPartialRun: true,
                        action: { context in
                            let moment = failures.failure(order: order.id, step: step)
                            if moment == .beforeEffect { throw OrderSagaError.injected(step: step, moment: .beforeEffect) }
                            try await effect.apply(on: connection, idempotencyKey: context.idempotencyKey)
                            await observer?(step)
                            if moment == .afterEffect { throw OrderSagaError.injected(step: step, moment: .afterEffect) }
                        },
                        compensation: { context in
                            try await effect.undo(on: connection, idempotencyKey: context.idempotencyKey)
                        })
    }
}

/// One order: `amount` is charged to `user`'s balance, `quantity` of `item` leaves stock,
/// and `coupon` (if any) loses one use.
public struct Order: Sendable, Hashable, Codable {
    /// Unique per order; also the saga id.
    public var id: String
    /// Whose balance pays.
    public var user: String
    /// What is bought.
    public var item: String
    /// How many units.
    public var quantity: Int
    /// The price, charged to the balance.
    public var amount: Int
    /// A coupon code that loses one use, if any.
    public var coupon: String?

    /// An order of `quantity` `item` for `amount`.
    public init(id: String, user: String, item: String, quantity: Int = 1, amount: Int, coupon: String? = nil) {
        self.id = id
        self.user = user
        self.item = item
        self.quantity = quantity
        self.amount = amount
        self.coupon = coupon
    }

    func validate() throws(TransactionError) {
        guard !id.isEmpty, !user.isEmpty, !item.isEmpty, quantity > 0, amount >= 0 else {
            throw .invalidArgument("order needs an id, user and item, a positive quantity and a non-negative amount: \(self)")
        }
    }
}

/// The order saga's steps, in order.
public enum OrderStep: String, Sendable, Hashable, CaseIterable, Codable {
    case reserveBalance, reserveStock, useCoupon, confirmOrder
}
