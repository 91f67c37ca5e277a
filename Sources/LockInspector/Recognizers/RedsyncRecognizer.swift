import Foundation

/// redsync (Go): the mutex name as the key, holding base64 of 16 random bytes (24
/// characters ending `==`), PX 8 s by default.
///
/// python-redis-lock's tokens are 24 base64 characters too, but of 18 bytes: never padded.
public struct RedsyncRecognizer: Recognizer {
    public init() {}

    public func recognize(_ record: KeyRecord, now: Date) -> Entity? {
        guard let token = TokenShape.whole(record.value), TokenShape.isPaddedBase64Of16Bytes(token) else { return nil }
        return .tokenLock(record, resource: record.name, family: .redsync, token: token)
    }
}
