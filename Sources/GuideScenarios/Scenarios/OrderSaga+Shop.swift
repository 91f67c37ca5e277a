import LockKit
import RedisClient

/// Setting up and reading the shop's data.
extension OrderSaga {
    /// Where an order stands, the order hash's `status`.
    public enum OrderStatus: String, Sendable, Hashable {
        case pending, confirmed, cancelled
    }

    /// Sets balances, stock and coupon uses (overwriting), in one pipelined round trip.
    public func stock(balances: [String: Int] = [:], items: [String: Int] = [:], coupons: [String: Int] = [:]) async throws(TransactionError) {
        let commands = balances.map { RedisCommand("SET", keys.balance($0.key), $0.value) }
            + items.map { RedisCommand("SET", keys.stock($0.key), $0.value) }
            + coupons.map { RedisCommand("SET", keys.coupon($0.key), $0.value) }
        let replies: [RESPValue]
        do {
            replies = try await connection.pipeline(commands)
        } catch { throw .redis(error) }
        if let message = replies.compactMap(\.errorMessage).first {
            throw .redis(.server(endpoint: connection.endpoint.description, command: "SET", message: message))
        }
    }

    /// A user's balance now (0 when unset).
    public func balance(of user: String) async throws(TransactionError) -> Int {
        try await integer(keys.balance(user))
    }

    /// Units of an item in stock now (0 when unset).
    public func stock(of item: String) async throws(TransactionError) -> Int {
        try await integer(keys.stock(item))
    }

    /// Uses left of a coupon now (0 when unset).
    public func uses(ofCoupon code: String) async throws(TransactionError) -> Int {
        try await integer(keys.coupon(code))
    }

    /// An order's status, or `nil` if the order does not exist.
    public func status(ofOrder id: String) async throws(TransactionError) -> OrderStatus? {
        let key = keys.order(id)
        let reply: RESPValue
        do {
            reply = try await connection.send("HGET", key, "status")
        } catch { throw .redis(error) }
        guard let text = reply.string else { return nil }
        guard let status = OrderStatus(rawValue: text) else { throw .malformed(key: key, reason: "unknown order status '\(text)'") }
        return status
    }

    /// The holds on a resource's `:holds` hash: idempotency key -> amount or `released`.
    public func holds(_ holdsKey: String) async throws(TransactionError) -> [String: String] {
        let reply: RESPValue
        do {
            reply = try await connection.send("HGETALL", holdsKey)
        } catch { throw .redis(error) }
        let items = reply.array ?? []
        var holds: [String: String] = [:]
        for index in stride(from: 0, to: items.count - 1, by: 2) {
            if let field = items[index].string, let value = items[index + 1].string { holds[field] = value }
        }
        return holds
    }

    private func integer(_ key: String) async throws(TransactionError) -> Int {
        let reply: RESPValue
        do {
            reply = try await connection.send("GET", key)
        } catch { throw .redis(error) }
        if reply.isNull { return 0 }
        guard let value = reply.int else { throw .malformed(key: key, reason: "\(reply) is not an integer") }
        return value
    }
}
