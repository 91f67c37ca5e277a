import Foundation
import LockKit

/// redis-semaphore (Node): `mutex:<key>` holding a UUID v4, and `semaphore:<key>`, a zset
/// of holder ids scored by the client's clock (ms) when each took its permit.
public struct RedisSemaphoreRecognizer: Recognizer {
    public init() {}

    public func recognize(_ record: KeyRecord, now: Date) -> Entity? {
        let name = record.name
        switch record.value {
        case .string:
            guard name.hasPrefix("mutex:"), let token = TokenShape.whole(record.value),
                  TokenShape.isUUID(token, version: "4") else { return nil }
            let resource = name.dropFirst("mutex:".count)
            guard !resource.isEmpty else { return nil }
            return .tokenLock(record, resource: String(resource), family: .redisSemaphore, token: token)
        case .zset(let members, _):
            guard name.hasPrefix("semaphore:") else { return nil }
            let resource = name.dropFirst("semaphore:".count)
            guard !resource.isEmpty else { return nil }
            // Ids are UUIDs, or `<uuid>_<n>` for a MultiSemaphore's permits; any id is kept.
            let owners = members.map { member in
                LockOwner(token: KeyNames.displayToken(member.member), acquiredAt: Self.date(millis: member.score, now: now))
            }
            return .lock(LockEntity(key: record.key, resource: String(resource), family: .redisSemaphore, kind: .semaphore,
                                    owners: owners, ttl: LockTTL(pttl: record.pttl), rawToken: members.first?.member))
        default:
            return nil
        }
    }

    /// A score as a time, when it looks like one (2000 .. a day past `now`).
    static func date(millis: Double, now: Date) -> Date? {
        let seconds = millis / 1000
        guard seconds.isFinite, seconds >= 946_684_800, seconds <= now.timeIntervalSince1970 + 86_400 else { return nil }
        return Date(timeIntervalSince1970: seconds)
    }
}
