import LockKit
import RedisClient

/// What a coupon issuance run did.
public struct CouponIssuanceSummary: Sendable, Hashable {
    /// How many clients raced.
    public var clients: Int
    /// How many coupons there were.
    public var coupons: Int
    /// Clients that were told they got a coupon.
    public var issued: Int
    /// Clients that were told none were left.
    public var soldOut: Int
    /// The issued counter in Redis afterwards; equals `issued` unless sections overlapped.
    public var storedIssued: Int
    /// Distinct clients in the holders set; equals `issued` unless a grant was lost.
    public var holders: Int

    /// Exactly `coupons` issued (or every client served, if fewer), and Redis agrees.
    public var isExact: Bool {
        issued == min(coupons, clients) && storedIssued == issued && holders == issued && issued + soldOut == clients
    }
}

/// The guide's limited-stock coupon issuance: many clients race for `coupons` coupons, each
/// grant a read-modify-write (GET, then SET, not INCR, so any overlap would over-issue)
/// under the `DistributedLock` of the coupon.
public struct CouponIssuance: Sendable {
    /// Names the coupon's keys and lock.
    public var couponID: String
    /// How many coupons there are.
    public var coupons: Int
    /// How many clients race.
    public var clients: Int
    /// Names of the lock keys.
    public var schema: KeySchema
    /// TTL of the coupon lock.
    public var lockTTL: Duration
    /// How long one client waits for the coupon's lock before it gives up with an error.
    public var wait: Duration
    /// Spacing of a waiting client's retries.
    public var backoff: Backoff

    /// A run of `clients` clients racing for `coupons` coupons.
    public init(couponID: String, coupons: Int, clients: Int, schema: KeySchema = .default,
                lockTTL: Duration = .seconds(5), wait: Duration = .seconds(60), backoff: Backoff = .fixed(.milliseconds(5))) {
        self.couponID = couponID
        self.coupons = coupons
        self.clients = clients
        self.schema = schema
        self.lockTTL = lockTTL
        self.wait = wait
        self.backoff = backoff
    }

    /// The resource whose lock guards grants: `coupon:<id>` (lock key `lock:{coupon:<id>}`).
    public var resource: String { "coupon:\(couponID)" }
    /// How many were granted.
    public var issuedKey: String { "coupon:issued:{\(couponID)}" }
    /// Who got one.
    public var holdersKey: String { "coupon:holders:{\(couponID)}" }

    /// Resets the coupon, runs every client at once, each on its own connection from `connect`.
    public func run(connect: @escaping @Sendable () async throws -> RedisConnection) async throws -> CouponIssuanceSummary {
        guard coupons >= 0, clients >= 0 else { throw LockError.invalidArgument("coupons and clients must not be negative") }
        let setup = try await connect()
        try await setup.send("DEL", issuedKey, holdersKey)
        let grants = try await withThrowingTaskGroup(of: Bool.self) { group in
            for client in 0..<clients {
                group.addTask { try await claim(as: "client-\(client)", on: try await connect()) }
            }
            var results: [Bool] = []
            for try await granted in group { results.append(granted) }
            return results
        }
        let issued = grants.count { $0 }
        let stored = try await setup.send("GET", issuedKey).int ?? 0
        let holders = try await setup.send("SCARD", holdersKey).int ?? 0
        return CouponIssuanceSummary(clients: clients, coupons: coupons, issued: issued, soldOut: grants.count - issued,
                                     storedIssued: stored, holders: holders)
    }

    /// One client's try: `true` when it got a coupon.
    private func claim(as client: String, on connection: RedisConnection) async throws -> Bool {
        let lock = DistributedLock(connection: connection, schema: schema, backoff: backoff)
        return try await lock.withLock(resource, ttl: lockTTL, wait: wait) { _ in
            let granted = try await connection.send("GET", issuedKey).int ?? 0
            guard granted < coupons else { return false }
            try await connection.send("SET", issuedKey, granted + 1)
            try await connection.send("SADD", holdersKey, client)
            return true
        }
    }
}
