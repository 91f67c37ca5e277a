import Foundation
import LockKit

/// python-redis-lock: `lock:<name>` holding base64 of 18 random bytes (24 characters, no
/// padding), no TTL unless `expire` is given; `lock-signal:<name>` is the list a release
/// pushes to, which waiters BLPOP.
///
/// Asked before `LockKitRecognizer`, which also claims `lock:` strings: its tokens always
/// contain `-` or are `locked`/`auto-locked`, never 24 base64 characters.
public struct PythonRedisLockRecognizer: Recognizer {
    public init() {}

    public func recognize(_ record: KeyRecord, now: Date) -> Entity? {
        let name = record.name
        switch record.value {
        case .list:
            guard name.hasPrefix("lock-signal:") else { return nil }
            return .auxiliary(key: record.key, role: "release signal list", family: .pythonRedisLock)
        case .string:
            // python-redis-lock uses the name as given: no hash tags to unwrap.
            guard name.hasPrefix("lock:"), name.utf8.count > 5, let token = TokenShape.whole(record.value),
                  TokenShape.isUnpaddedBase64Of18Bytes(token) else { return nil }
            return .lock(LockEntity(key: record.key, resource: String(name.dropFirst(5)), family: .pythonRedisLock,
                                    owners: [LockOwner(token: KeyNames.displayToken(token))],
                                    ttl: LockTTL(pttl: record.pttl), rawToken: token))
        default:
            return nil
        }
    }
}
