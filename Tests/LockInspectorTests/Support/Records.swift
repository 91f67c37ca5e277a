import Foundation
@testable import LockInspector
import LockKit

/// Hand-made `KeyRecord`s, as the scanner would read them, for pure recogniser tests.
enum Records {
    /// A fixed "now" for pure tests: 2026-01-01.
    static let now = Date(timeIntervalSince1970: 1_767_225_600)

    static func string(_ key: String, _ value: String, pttl: Int = 30_000) -> KeyRecord {
        string(Array(key.utf8), Array(value.utf8), pttl: pttl)
    }

    static func string(_ key: [UInt8], _ value: [UInt8], pttl: Int = 30_000, length: Int? = nil) -> KeyRecord {
        KeyRecord(key: key, type: .string, pttl: pttl, value: .string(prefix: value, length: length ?? value.count))
    }

    static func hash(_ key: String, _ fields: [(String, String)], count: Int? = nil, pttl: Int = 30_000) -> KeyRecord {
        KeyRecord(key: Array(key.utf8), type: .hash, pttl: pttl,
                  value: .hash(fields: fields.map { HashField(field: Array($0.0.utf8), value: Array($0.1.utf8)) },
                               count: count ?? fields.count))
    }

    static func zset(_ key: String, _ members: [(String, Double)], count: Int? = nil, pttl: Int = -1) -> KeyRecord {
        KeyRecord(key: Array(key.utf8), type: .zset, pttl: pttl,
                  value: .zset(members: members.map { ZSetMember(member: Array($0.0.utf8), score: $0.1) },
                               count: count ?? members.count))
    }

    static func list(_ key: String, _ elements: [String], count: Int? = nil, pttl: Int = -1) -> KeyRecord {
        KeyRecord(key: Array(key.utf8), type: .list, pttl: pttl,
                  value: .list(elements: elements.map { Array($0.utf8) }, count: count ?? elements.count))
    }

    /// The lock in `entity`, if it is one.
    static func lock(_ entity: Entity?) -> LockEntity? {
        if case .lock(let lock)? = entity { return lock }
        return nil
    }

    static func queue(_ entity: Entity?) -> QueueEntity? {
        if case .queue(let queue)? = entity { return queue }
        return nil
    }

    /// The role and family of an auxiliary entity.
    static func auxiliary(_ entity: Entity?) -> (role: String, family: LockFamily)? {
        if case .auxiliary(_, let role, let family)? = entity { return (role, family) }
        return nil
    }

    static func isUnknown(_ entity: Entity?) -> Bool {
        if case .unknown? = entity { return true }
        return false
    }
}

/// Tokens in each library's shape, built the way the library builds them.
enum Tokens {
    /// `uuid.uuid1().hex` for a given time, as redis-py writes it.
    static func uuid1Hex(at date: Date, node: String = "02fc00000001") -> String {
        let intervals = UInt64(date.timeIntervalSince1970 * 10_000_000) + 0x01B2_1DD2_1381_4000
        let timeLow = String(format: "%08llx", intervals & 0xFFFF_FFFF)
        let timeMid = String(format: "%04llx", (intervals >> 32) & 0xFFFF)
        let timeHigh = String(format: "%03llx", (intervals >> 48) & 0x0FFF)
        return timeLow + timeMid + "1" + timeHigh + "8d6d" + node
    }

    /// A Redisson client id (`UUID.randomUUID().toString()`, lowercase).
    static let redissonClient = "8f2c1a4e-3b7d-4c1e-9a55-0d6b2e7f9c31"
    static let uuid4 = "c930d622-669d-49cf-b42c-d0c3b1369479"
    static let pythonRedisLock = "udQ1MkZnMXMrQKf0A4gRfNmV"
    static let redsync = "q3Jv+9aB/0cD1eF2gH3iJw=="
    static let nodeRedlock = "9f86d081884c7d659a2feaa0c55ad015"
    static let laravel = "aZ3kQ9pL2xW7mN4b"
}
