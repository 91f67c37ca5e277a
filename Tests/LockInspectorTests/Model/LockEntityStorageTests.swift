import Foundation
import LockInspector
import LockKit
import Testing

/// LockEntity stores a holder its token describes as the token alone and does not keep a
/// readable raw token twice; what it gives back must be exactly what it was given.
@Suite struct LockEntityStorageTests {
    let key = Array("lock:{a}".utf8)

    @Test func aLockKitHolderComesBackWithEveryField() {
        let token = "1700000000000-web-1-4242-0badc0de"
        let owner = LockOwner(describedBy: token)
        #expect(owner.host == "web-1" && owner.pid == 4242 && owner.acquiredAt == Date(timeIntervalSince1970: 1_700_000_000))
        let lock = LockEntity(key: key, resource: "a", family: .locktop, owners: [owner], ttl: .noExpiry, rawToken: Array(token.utf8))
        #expect(lock.owners == [owner])
        #expect(lock.rawToken == Array(token.utf8))
    }

    @Test func aHolderTheTokenDoesNotDescribeIsKeptAsGiven() {
        let owner = LockOwner(token: "3f2a9c1e-77b0:1", host: "client-7", thread: "1")
        let lock = LockEntity(key: key, resource: "a", family: .redisson, kind: .reentrant, owners: [owner], ttl: .noExpiry)
        #expect(lock.owners == [owner])
        #expect(lock.rawToken == nil)
    }

    @Test func severalHoldersAndABinaryRawToken() {
        let owners = [LockOwner(token: "r1"), LockOwner(token: "r2", host: "h")]
        let raw: [UInt8] = [0xff, 0x00, 0x41]
        let lock = LockEntity(key: key, resource: "a", family: .redisSemaphore, kind: .semaphore, owners: owners,
                              ttl: .remaining(.seconds(3)), rawToken: raw)
        #expect(lock.owners == owners)
        #expect(lock.rawToken == raw)
    }

    @Test func changingTheHoldersKeepsTheRawToken() {
        let token = "1700000000000-web-1-4242-0badc0de"
        var lock = LockEntity(key: key, resource: "a", family: .locktop, owners: [LockOwner(describedBy: token)], ttl: .noExpiry,
                              rawToken: Array(token.utf8))
        lock.owners = [LockOwner(token: "someone-else")]
        #expect(lock.rawToken == Array(token.utf8))
        lock.rawToken = nil
        #expect(lock.rawToken == nil)
        #expect(lock.owners == [LockOwner(token: "someone-else")])
    }

    @Test func equalityAndHashFollowWhatIsShownNotHowItIsStored() {
        let token = "1700000000000-web-1-4242-0badc0de"
        let described = LockEntity(key: key, resource: "a", family: .locktop, owners: [LockOwner(describedBy: token)], ttl: .noExpiry,
                                   rawToken: Array(token.utf8))
        var changed = LockEntity(key: key, resource: "a", family: .locktop, owners: [LockOwner(token: "x")], ttl: .noExpiry,
                                 rawToken: Array(token.utf8))
        changed.owners = [LockOwner(describedBy: token)]
        #expect(described == changed)
        #expect(described.hashValue == changed.hashValue)
    }

    @Test func firstOwnerCountAndAcquiredAtMatchTheOwners() {
        let early = Date(timeIntervalSince1970: 1_700_000_000), late = early.addingTimeInterval(60)
        let cases: [[LockOwner]] = [
            [], [LockOwner(describedBy: "1700000000000-web-1-4242-0badc0de")], [LockOwner(token: "t", host: "h", acquiredAt: late)],
            [LockOwner(token: "a", acquiredAt: late), LockOwner(token: "b", acquiredAt: early), LockOwner(token: "c")],
        ]
        for owners in cases {
            let lock = LockEntity(key: key, resource: "a", family: .locktop, owners: owners, ttl: .noExpiry)
            #expect(lock.firstOwner == owners.first)
            #expect(lock.ownerCount == owners.count)
            #expect(lock.acquiredAt == owners.compactMap(\.acquiredAt).min())
        }
    }
}
