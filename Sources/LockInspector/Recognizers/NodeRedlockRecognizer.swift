import Foundation

/// node-redlock (v5): the resource name as the key, no prefix, holding 16 random bytes as
/// 32 lowercase hex digits, PX.
///
/// Tokens that decode as a plausible uuid1 are left to `RedisPyLockRecognizer`, whichever is
/// asked first, so the two never disagree.
public struct NodeRedlockRecognizer: Recognizer {
    public init() {}

    public func recognize(_ record: KeyRecord, now: Date) -> Entity? {
        guard let token = TokenShape.whole(record.value), TokenShape.isLowerHex(token, count: 32),
              TokenShape.uuid1Date(token, now: now) == nil else { return nil }
        return .tokenLock(record, resource: record.name, family: .nodeRedlock, token: token)
    }
}
