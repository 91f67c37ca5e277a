import Foundation
import RedisClient
import RedisServerKit

/// The locks of the discovery benchmark: `locks` in five documented layouts (LockKit,
/// python-redis-lock, pottery, redis-semaphore, Redisson), `tokenLocks` named after their
/// resources (`orders:<n>` holding `uuid4().hex`, PX 4-5 min so that none expires during the run, as
/// redis-py 8.2 writes them),
/// and `noise` TTL'd keys (`NoiseKeyspace`). Each layout's pattern is known, so what a
/// discovery found can be checked key group by key group.
struct DiscoveryKeyspace: Sendable {
    let locks: Int
    let tokenLocks: Int
    let noise: Int

    var count: Int { locks + tokenLocks + noise }

    /// The patterns discovery must find as locks, with how many keys each holds.
    var lockPatterns: [String: Int] {
        let share = locks / 5
        return ["lock:{resource:*}": locks - 4 * share, "lock:job-*": share, "redlock:report-*": share, "mutex:cart-*": share,
                "order-*:lock": share, "orders:*": tokenLocks]
    }

    func write(on connection: RedisConnection) async throws {
        let share = locks / 5
        let owner = "\(Int(Date().timeIntervalSince1970 * 1000))-bench-host-4242-0badcafe"
        var commands: [RedisCommand] = []
        func flush(_ force: Bool = false) async throws {
            guard force || commands.count >= 1000 else { return }
            _ = try await connection.pipeline(commands)
            commands.removeAll()
        }
        for index in 0..<(locks - 4 * share) {
            commands.append(RedisCommand("SET", "lock:{resource:\(index)}", owner, "PX", 600_000))
            try await flush()
        }
        for index in 0..<share {
            let token = Self.hex(index)
            commands.append(RedisCommand("SET", "lock:job-\(index)", Data(Array(token.utf8).prefix(18)).base64EncodedString(), "EX", 600))
            commands.append(RedisCommand("SET", "redlock:report-\(index)", Self.uuid4(token), "PX", 600_000))
            commands.append(RedisCommand("SET", "mutex:cart-\(index)", Self.uuid4(token), "PX", 600_000))
            commands.append(RedisCommand("HSET", "order-\(index):lock", "8f2c1a4e-3b7d-4c1e-9a55-0d6b2e7f9c31:\(index % 50 + 1)", 1))
            commands.append(RedisCommand("PEXPIRE", "order-\(index):lock", 600_000))
            try await flush()
        }
        for index in 0..<tokenLocks {
            commands.append(RedisCommand("SET", "orders:\(index)", Self.uuid4(Self.hex(index + 7_777_777)).replacingOccurrences(of: "-", with: ""),
                                         "PX", 240_000 + index % 60_000))
            try await flush()
        }
        for command in NoiseKeyspace.commands(noise) {
            commands.append(command)
            try await flush()
        }
        try await flush(true)
    }

    /// 32 hex digits that differ for every index (a counter, scrambled).
    static func hex(_ index: Int) -> String {
        let mixed = UInt64(truncatingIfNeeded: index) &* 0x9E37_79B9_7F4A_7C15
        let text = String(mixed, radix: 16) + String(mixed.byteSwapped, radix: 16)
        return String((String(repeating: "0", count: 32) + text).suffix(32))
    }

    /// `hex` in UUID v4 form.
    static func uuid4(_ hex: String) -> String {
        let digits = Array(hex)
        return String(digits[0..<8]) + "-" + String(digits[8..<12]) + "-4" + String(digits[13..<16]) + "-a"
            + String(digits[17..<20]) + "-" + String(digits[20..<32])
    }
}
