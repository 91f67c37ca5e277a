import Foundation
import LockKit

extension Entity {
    /// A mutex held by one opaque token: the shape most libraries share.
    static func tokenLock(_ record: KeyRecord, resource: String, family: LockFamily, token: [UInt8],
                          acquiredAt: Date? = nil) -> Entity {
        .lock(LockEntity(key: record.key, resource: resource, family: family,
                         owners: [LockOwner(token: KeyNames.displayToken(token), acquiredAt: acquiredAt)],
                         ttl: LockTTL(pttl: record.pttl), rawToken: token))
    }
}
