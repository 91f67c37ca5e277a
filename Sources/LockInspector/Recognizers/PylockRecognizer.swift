import Foundation
import LockKit

/// pylock (Python): `pylock:<key>` holding the time the lock runs out (unix seconds, a
/// float, by the owner's clock), with EX. It records no owner.
public struct PylockRecognizer: Recognizer {
    public init() {}

    public func recognize(_ record: KeyRecord, now: Date) -> Entity? {
        let name = record.name
        guard name.hasPrefix("pylock:"), name.count > 7, let value = TokenShape.whole(record.value), value.count <= 32,
              let seconds = Double(String(decoding: value, as: UTF8.self)), seconds > 946_684_800 else { return nil }
        return .lock(LockEntity(key: record.key, resource: String(name.dropFirst(7)), family: .pylock,
                                owners: [LockOwner(token: KeyNames.displayToken(value))],
                                ttl: LockTTL(pttl: record.pttl), rawToken: value))
    }
}
