import LockKit
import RedisClient
import Synchronization

/// Limited-stock coupon issuance: each round 16 clients race for 10 coupons under a `DistributedLock`.
struct DemoCoupons: Sendable {
    let endpoint: RedisEndpoint
    static let clients = 16
    static let coupons = 10
    /// Clients share a few connections (each client still has its own lock token).
    static let connections = 4

    func round(_ progress: DemoProgress) async throws -> DemoRound {
        var pool: [RedisConnection] = []
        for index in 0..<Self.connections { pool.append(try await DemoConnections.open(endpoint, name: "coupon-\(index)")) }
        let shared = pool
        let next = Atomic(0)
        let counter = Atomic(0)
        return {
            let round = counter.add(1, ordering: .relaxed).newValue
            let issuance = CouponIssuance(couponID: "spring-\(round % 3)", coupons: Self.coupons, clients: Self.clients)
            let summary = try await issuance.run {
                shared[next.add(1, ordering: .relaxed).newValue % shared.count]
            }
            progress.record {
                $0.couponRounds += 1
                $0.couponsIssued += summary.issued
                if !summary.isExact { $0.couponRoundsInexact += 1 }
            }
        }
    }
}
