import Foundation

/// redis-py's `Lock`: the name as given, holding `uuid1().hex` (32 hex digits, version `1`
/// at index 12), with an optional TTL. A uuid1 carries the time it was made, which is when
/// the lock was taken.
///
/// node-redlock's tokens are also 32 hex digits. The rule: a token that decodes as a uuid1
/// from between 2000 and now is redis-py's (a random token does so about once in 10,000);
/// any other is node-redlock's (see `NodeRedlockRecognizer`, which applies the same test).
public struct RedisPyLockRecognizer: Recognizer {
    public init() {}

    public func recognize(_ record: KeyRecord, now: Date) -> Entity? {
        guard let token = TokenShape.whole(record.value), let acquiredAt = TokenShape.uuid1Date(token, now: now) else { return nil }
        return .tokenLock(record, resource: record.name, family: .redisPy, token: token, acquiredAt: acquiredAt)
    }
}
