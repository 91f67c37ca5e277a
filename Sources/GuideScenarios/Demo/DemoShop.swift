import Foundation
import LockKit
import RedisClient
import Synchronization

/// Order sagas with injected failures: some orders fail at a random step and are
/// compensated. Every outcome is remembered so the summary can check that balances,
/// stock and coupon uses moved by exactly the completed orders.
final class DemoShop: Sendable {
    static let workers = 2
    static let users = ["ana", "ben", "chloe", "dev", "eli"]
    static let items = ["lamp", "desk", "chair"]
    static let coupon = "WELCOME"
    static let initialBalance = 1_000_000
    static let initialStock = 1_000_000
    static let initialCouponUses = 1_000_000

    private let completed = Mutex<[Order]>([])
    private let stocked = Mutex(false)
    private let failureSeed = UInt64.random(in: 1 ... .max)
    private let runID = String(Int64(Date().timeIntervalSince1970 * 1000))

    /// Finished sagas are kept for five minutes, so the Sagas view stays a screenful.
    private static let options = SagaOptions(retention: .seconds(300))

    func orderLoop(endpoint: RedisEndpoint, worker: Int) -> @Sendable (DemoProgress) async throws -> DemoRound {
        { progress in
            let connection = try await DemoConnections.open(endpoint, name: "shop-\(worker)")
            let shop = OrderSaga(connection: connection, failures: .random(probability: 0.1, seed: self.failureSeed),
                                 sagaOptions: Self.options)
            try await self.stockOnce(shop)
            let counter = Atomic(0)
            return {
                let number = counter.add(1, ordering: .relaxed).newValue
                let order = self.order(worker: worker, number: number)
                switch try await shop.place(order) {
                case .completed:
                    self.completed.withLock { $0.append(order) }
                    progress.record { $0.ordersCompleted += 1 }
                case .failed:
                    progress.record { $0.ordersCompensated += 1 }
                }
            }
        }
    }

    private func stockOnce(_ shop: OrderSaga) async throws {
        guard stocked.withLock({ done in defer { done = true }; return !done }) else { return }
        try await shop.stock(balances: Dictionary(uniqueKeysWithValues: Self.users.map { ($0, Self.initialBalance) }),
                             items: Dictionary(uniqueKeysWithValues: Self.items.map { ($0, Self.initialStock) }),
                             coupons: [Self.coupon: Self.initialCouponUses])
    }

    private func order(worker: Int, number: Int) -> Order {
        var random = SplitMix64(seed: failureSeed &+ UInt64(worker * 1_000_003 + number))
        let user = Self.users[Int(random.next() % UInt64(Self.users.count))]
        let item = Self.items[Int(random.next() % UInt64(Self.items.count))]
        return Order(id: "\(runID)-\(worker)-\(number)", user: user, item: item, quantity: Int(random.next() % 3) + 1,
                     amount: Int(random.next() % 90) + 10, coupon: random.next() % 4 == 0 ? Self.coupon : nil)
    }

    /// Whether Redis moved by exactly the completed orders.
    func check(on connection: RedisConnection) async throws -> DemoSummary.Consistency {
        let orders = completed.withLock { $0 }
        let shop = OrderSaga(connection: connection)
        var mismatches: [String] = []
        for user in Self.users {
            let spent = orders.filter { $0.user == user }.reduce(0) { $0 + $1.amount }
            let balance = try await shop.balance(of: user)
            if Self.initialBalance - balance != spent { mismatches.append("\(user): balance \(balance), completed orders spent \(spent)") }
        }
        for item in Self.items {
            let sold = orders.filter { $0.item == item }.reduce(0) { $0 + $1.quantity }
            let stock = try await shop.stock(of: item)
            if Self.initialStock - stock != sold { mismatches.append("\(item): stock \(stock), completed orders took \(sold)") }
        }
        let couponOrders = orders.count { $0.coupon != nil }
        let uses = try await shop.uses(ofCoupon: Self.coupon)
        if Self.initialCouponUses - uses != couponOrders { mismatches.append("coupon: \(uses) uses left, \(couponOrders) completed orders used it") }
        return DemoSummary.Consistency(checked: "balances of \(Self.users.count) users, stock of \(Self.items.count) items, coupon uses",
                                       mismatches: mismatches)
    }
}
