import Foundation
import LockKit

/// A string under a name no library claims, holding a lock token's shape (a UUID, 32 hex
/// digits, base64 of 16-24 bytes): a lock candidate wherever it lives, named by its shape
/// (`token:32hex`), never by a library the shape does not single out.
///
/// Asked last. It claims a value only when it has a TTL (a lock that can expire) or when the
/// key's name says lock; the confidence is `lock` when the name says so, else `possible`:
/// a session id with a TTL looks the same.
public struct ShapeRecognizer: Recognizer {
    public init() {}

    public func recognize(_ record: KeyRecord, now: Date) -> Entity? {
        guard let token = TokenShape.whole(record.value), let family = TokenShape.family(of: token) else { return nil }
        let named = LockWords.nameSaysLock(record.key)
        guard named || record.pttl > 0 else { return nil }
        // redis-py before 8.2 and valkey-py write uuid1().hex: the token says when it was made.
        let acquiredAt = family == .tokenHex32 ? TokenShape.uuid1Date(token, now: now) : nil
        return .lock(LockEntity(key: record.key, resource: record.name, family: family,
                                owners: [LockOwner(token: KeyNames.displayToken(token), acquiredAt: acquiredAt)],
                                ttl: LockTTL(pttl: record.pttl), rawToken: token, confidence: named ? .lock : .possible))
    }
}
