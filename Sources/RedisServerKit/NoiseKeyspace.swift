import Foundation
import RedisClient

/// What applications keep beside their locks, for tests and benchmarks of lock discovery:
/// sessions, caches, rate limits, CSRF and one-time tokens, release ids, all with TTLs.
/// Half of the values have a lock token's shape (UUID, 32 hex, base64), under names that do
/// not say lock and with TTLs longer than locks have. Deterministic.
public enum NoiseKeyspace {
    /// `count` SET commands, cycling through the kinds of noise; `prefix` goes before every key.
    public static func commands(_ count: Int, prefix: String = "") -> [RedisCommand] {
        (0..<count).map { index in
            let hex = String(index, radix: 16)
            let padded = String(repeating: "0", count: max(0, 32 - hex.count)) + hex
            let uuid = "\(padded.prefix(8))-\(padded.dropFirst(8).prefix(4))-4\(padded.dropFirst(13).prefix(3))-a\(padded.dropFirst(17).prefix(3))-\(padded.suffix(12))"
            let base64 = Data(Array(padded.utf8).prefix(18)).base64EncodedString()
            switch index % 10 {
            case 0, 1: return RedisCommand("SET", prefix + "session:\(hex)", uuid, "EX", 1800 + index % 86_400)
            case 2: return RedisCommand("SET", prefix + "sess:\(hex)", padded, "EX", 3600)
            case 3: return RedisCommand("SET", prefix + "django.contrib.sessions.cache\(padded)", #"{"_auth_user_id":"\#(index)"}"#, "EX", 1_209_600)
            case 4, 5: return RedisCommand("SET", prefix + "cache:product:\(index)", #"{"id":\#(index),"name":"item","price":12.5}"#, "EX", 300)
            case 6: return RedisCommand("SET", prefix + "ratelimit:10.0.\(index % 256).\(index / 256 % 256):\(index % 60)", "\(index % 100)", "EX", 60)
            case 7: return RedisCommand("SET", prefix + "csrf:\(hex)", base64, "EX", 3600)
            case 8: return RedisCommand("SET", prefix + "otp:user:\(index)", String(format: "%06d", index % 1_000_000), "EX", 300)
            default: return RedisCommand("SET", prefix + "app:releases:\(index):artifact", uuid, "EX", 7200)
            }
        }
    }
}
