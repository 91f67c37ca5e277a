import Foundation
import LockKit

/// walrus's `Lock` (Python): `lock:<name>` holding `os.urandom(32)`, 32 raw random bytes,
/// with PX when a TTL is given; `lock.event:<name>` is the list a release pushes to for waiters.
///
/// No other library writes raw bytes under `lock:` (LockKit's, the guide's and
/// python-redis-lock's tokens are text), so 32 bytes that are not all printable text are its.
public struct WalrusRecognizer: Recognizer {
    public init() {}

    public func recognize(_ record: KeyRecord, now: Date) -> Entity? {
        let key = record.key
        switch record.value {
        case .list:
            guard key.starts(with: Self.eventPrefix), key.count > Self.eventPrefix.count else { return nil }
            return .auxiliary(key: key, role: "release event list", family: .walrus)
        case .string:
            guard key.starts(with: Self.lockPrefix), key.count > Self.lockPrefix.count, let token = TokenShape.whole(record.value),
                  token.count == 32, !token.allSatisfy({ (0x20..<0x7F).contains($0) }) else { return nil }
            return .tokenLock(record, resource: String(record.name.dropFirst(Self.lockPrefix.count)), family: .walrus, token: token)
        default:
            return nil
        }
    }

    private static let lockPrefix = Array("lock:".utf8)
    private static let eventPrefix = Array("lock.event:".utf8)
}
