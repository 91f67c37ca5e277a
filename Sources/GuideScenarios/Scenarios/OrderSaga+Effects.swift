import LockKit
import RedisClient

/// Names of the shop's keys; each resource's `:holds` hash shares its hash tag.
public struct ShopKeys: Sendable, Hashable {
    /// First part of every key.
    public var prefix: String

    /// Keys under `prefix` (default `shop`).
    public init(prefix: String = "shop") { self.prefix = prefix }

    /// A user's balance (integer).
    public func balance(_ user: String) -> String { "\(prefix):balance:{\(user)}" }
    /// Idempotency key -> amount held (or `released`) on a balance.
    public func balanceHolds(_ user: String) -> String { balance(user) + ":holds" }
    /// Units of an item in stock (integer).
    public func stock(_ item: String) -> String { "\(prefix):stock:{\(item)}" }
    /// Idempotency key -> units held (or `released`) on an item's stock.
    public func stockHolds(_ item: String) -> String { stock(item) + ":holds" }
    /// Uses left of a coupon code (integer).
    public func coupon(_ code: String) -> String { "\(prefix):coupon:{\(code)}" }
    /// Idempotency key -> `1` (or `released`) on a coupon.
    public func couponHolds(_ code: String) -> String { coupon(code) + ":holds" }
    /// An order: hash with user, item, quantity, amount, coupon, status.
    public func order(_ id: String) -> String { "\(prefix):order:{\(id)}" }
}

/// Why an order step failed.
public enum OrderSagaError: Error, Sendable, Hashable, CustomStringConvertible {
    case insufficientBalance(user: String, amount: Int)
    case outOfStock(item: String, quantity: Int)
    case couponUsedUp(code: String)
    /// The reservation was already released by a compensation: the saga gave up on it.
    case alreadyReleased(key: String)
    case orderMissing(order: String)
    case orderCancelled(order: String)
    /// A failure injected by the `OrderFailurePolicy`.
    case injected(step: OrderStep, moment: OrderFailurePolicy.Moment)

    /// Why the step failed, for the saga's record.
    public var description: String {
        switch self {
        case .insufficientBalance(let user, let amount): "balance of \(user) is below \(amount)"
        case .outOfStock(let item, let quantity): "fewer than \(quantity) of \(item) in stock"
        case .couponUsedUp(let code): "coupon \(code) has no uses left"
        case .alreadyReleased(let key): "the hold on \(key) was already released by a compensation"
        case .orderMissing(let order): "order \(order) does not exist"
        case .orderCancelled(let order): "order \(order) was cancelled"
        case .injected(let step, let moment): "injected failure at \(step.rawValue) (\(moment))"
        }
    }
}

/// What one order step does to Redis, and how it is undone.
struct OrderStepEffect: Sendable {
    let step: OrderStep
    let order: Order
    let keys: ShopKeys

    func apply(on connection: RedisConnection, idempotencyKey: String) async throws {
        switch step {
        case .reserveBalance:
            try await reserve(connection, keys.balance(order.user), keys.balanceHolds(order.user), idempotencyKey, order.amount,
                              shortage: .insufficientBalance(user: order.user, amount: order.amount))
        case .reserveStock:
            try await reserve(connection, keys.stock(order.item), keys.stockHolds(order.item), idempotencyKey, order.quantity,
                              shortage: .outOfStock(item: order.item, quantity: order.quantity))
        case .useCoupon:
            guard let code = order.coupon else { return }
            try await reserve(connection, keys.coupon(code), keys.couponHolds(code), idempotencyKey, 1, shortage: .couponUsedUp(code: code))
        case .confirmOrder:
            let reply = try await connection.run(OrderScripts.confirmOrder, keys: [keys.order(order.id)])
            switch reply.int {
            case 1: return
            case -2: throw OrderSagaError.orderCancelled(order: order.id)
            default: throw OrderSagaError.orderMissing(order: order.id)
            }
        }
    }

    func undo(on connection: RedisConnection, idempotencyKey: String) async throws {
        switch step {
        case .reserveBalance:
            try await connection.run(OrderScripts.release, keys: [keys.balance(order.user), keys.balanceHolds(order.user)], arguments: [idempotencyKey])
        case .reserveStock:
            try await connection.run(OrderScripts.release, keys: [keys.stock(order.item), keys.stockHolds(order.item)], arguments: [idempotencyKey])
        case .useCoupon:
            guard let code = order.coupon else { return }
            try await connection.run(OrderScripts.release, keys: [keys.coupon(code), keys.couponHolds(code)], arguments: [idempotencyKey])
        case .confirmOrder:
            try await connection.run(OrderScripts.cancelOrder, keys: [keys.order(order.id)])
        }
    }

    private func reserve(_ connection: RedisConnection, _ counter: String, _ holds: String, _ idempotencyKey: String,
                         _ amount: Int, shortage: OrderSagaError) async throws {
        let reply = try await connection.run(OrderScripts.reserve, keys: [counter, holds], arguments: [idempotencyKey, amount])
        switch reply.int {
        case 1: return
        case -2: throw OrderSagaError.alreadyReleased(key: counter)
        default: throw shortage
        }
    }
}

/// The order saga's scripts: each touches the keys of one hash tag only (cluster-safe).
enum OrderScripts {
    /// KEYS[1] counter, KEYS[2] holds; ARGV[1] idempotency key, ARGV[2] amount.
    /// 1 reserved (now or before), -1 not enough, -2 released earlier.
    static let reserve = RedisScript(name: "shop-reserve", source: """
        local hold = redis.call('HGET', KEYS[2], ARGV[1])
        if hold == 'released' then return -2 end
        if hold then return 1 end
        local amount = tonumber(ARGV[2])
        if tonumber(redis.call('GET', KEYS[1]) or '0') < amount then return -1 end
        redis.call('DECRBY', KEYS[1], amount)
        redis.call('HSET', KEYS[2], ARGV[1], amount)
        return 1
        """)

    /// KEYS[1] counter, KEYS[2] holds; ARGV[1] idempotency key. 1 released, 0 nothing held
    /// (a tombstone then keeps a late reservation out).
    static let release = RedisScript(name: "shop-release", source: """
        local hold = redis.call('HGET', KEYS[2], ARGV[1])
        if hold == 'released' then return 0 end
        redis.call('HSET', KEYS[2], ARGV[1], 'released')
        if not hold then return 0 end
        redis.call('INCRBY', KEYS[1], hold)
        return 1
        """)

    /// KEYS[1] order; ARGV user, item, quantity, amount, coupon. 1 created, 0 existed.
    static let createOrder = RedisScript(name: "shop-create-order", source: """
        if redis.call('EXISTS', KEYS[1]) == 1 then return 0 end
        redis.call('HSET', KEYS[1], 'user', ARGV[1], 'item', ARGV[2], 'quantity', ARGV[3],
                   'amount', ARGV[4], 'coupon', ARGV[5], 'status', 'pending')
        return 1
        """)

    /// KEYS[1] order. 1 confirmed, -1 missing, -2 cancelled.
    static let confirmOrder = RedisScript(name: "shop-confirm-order", source: """
        local status = redis.call('HGET', KEYS[1], 'status')
        if not status then return -1 end
        if status == 'cancelled' then return -2 end
        redis.call('HSET', KEYS[1], 'status', 'confirmed')
        return 1
        """)

    /// KEYS[1] order. 1 cancelled, 0 missing.
    static let cancelOrder = RedisScript(name: "shop-cancel-order", source: """
        if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
        redis.call('HSET', KEYS[1], 'status', 'cancelled')
        return 1
        """)
}
