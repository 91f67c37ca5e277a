import Foundation
import LockKit

/// A lock as seen in Redis.
///
/// Stored compactly, since a server may hold 100,000 of them: a single holder that its token
/// describes in full (`LockOwner(describedBy:)`) is kept as that token alone, and the raw
/// token is not kept again when it is exactly the first holder's token text. Fields are in
/// the order that leaves least padding.
public struct LockEntity: Sendable, Hashable {
    public var key: [UInt8]
    /// The locked resource's name, from the key.
    public var resource: String
    private var holders: Holders
    private var token: RawToken
    public var ttl: LockTTL
    public var family: LockFamily
    public var kind: LockKind
    /// How the layout announces a release (see `releaseChannel`).
    public var releaseSignal: ReleaseSignal
    /// `possible` when only the token's shape and a TTL made it a lock.
    public var confidence: LockConfidence

    public init(key: [UInt8], resource: String, family: LockFamily, kind: LockKind = .mutex,
                owners: [LockOwner], ttl: LockTTL, rawToken: [UInt8]? = nil, releaseSignal: ReleaseSignal = .none,
                confidence: LockConfidence = .lock) {
        self.key = key
        self.resource = resource
        holders = Holders(owners)
        token = RawToken(rawToken, firstToken: owners.first?.token)
        self.ttl = ttl
        self.family = family
        self.kind = kind
        self.releaseSignal = releaseSignal
        self.confidence = confidence
    }

    /// A read-write lock or semaphore whose holders are each read with their own lease: the
    /// owners are theirs, the raw token the first holder's member.
    public init(key: [UInt8], resource: String, family: LockFamily, kind: LockKind, shared: SharedHolds, ttl: LockTTL,
                releaseSignal: ReleaseSignal = .none) {
        self.init(key: key, resource: resource, family: family, kind: kind, owners: [], ttl: ttl,
                  rawToken: shared.holders.first?.rawMember, releaseSignal: releaseSignal)
        holders = .shared(shared)
        token = RawToken(shared.holders.first?.rawMember, firstToken: holders.firstToken)
    }

    /// Every holder with its own lease, for a read-write lock or a semaphore that records them.
    public var shared: SharedHolds? {
        if case .shared(let holds) = holders { return holds }
        return nil
    }

    /// Where a release of this lock is announced, so its waiters wake; nil when the layout has no channel.
    public var releaseChannel: ReleaseChannel? { releaseSignal.channel(forKey: key) }

    /// Holders: one for a mutex, several for read locks or semaphores; empty if unknown.
    public var owners: [LockOwner] {
        get { holders.owners }
        set {
            let raw = rawToken
            holders = Holders(newValue)
            token = RawToken(raw, firstToken: newValue.first?.token)
        }
    }

    /// `owners.first`, without building the array.
    public var firstOwner: LockOwner? {
        switch holders {
        case .none: nil
        case .described(let token): LockOwner(describedBy: token)
        case .one(let owner): owner
        case .many(let owners): owners.first
        case .shared(let holds): holds.holders.first?.owner
        }
    }

    /// `owners.count`, without building the array.
    public var ownerCount: Int {
        switch holders {
        case .none: 0
        case .described, .one: 1
        case .many(let owners): owners.count
        case .shared(let holds): holds.holders.count
        }
    }

    /// The earliest time a holder acquired the lock, when the tokens tell.
    public var acquiredAt: Date? {
        if case .many(let owners) = holders { return owners.compactMap(\.acquiredAt).min() }
        return firstOwner?.acquiredAt
    }

    /// The raw token bytes the operator would compare against (the first holder's).
    public var rawToken: [UInt8]? {
        get {
            switch token {
            case .none: nil
            case .bytes(let bytes): bytes
            case .firstOwnersToken: holders.firstToken.map { Array($0.utf8) }
            }
        }
        set { token = RawToken(newValue, firstToken: holders.firstToken) }
    }

    public static func == (lhs: LockEntity, rhs: LockEntity) -> Bool {
        lhs.key == rhs.key && lhs.resource == rhs.resource && lhs.family == rhs.family && lhs.kind == rhs.kind
            && lhs.releaseSignal == rhs.releaseSignal && lhs.confidence == rhs.confidence && lhs.ttl == rhs.ttl && lhs.owners == rhs.owners
            && lhs.rawToken == rhs.rawToken && lhs.shared == rhs.shared
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(key)
        hasher.combine(resource)
        hasher.combine(family)
        hasher.combine(kind)
        hasher.combine(releaseSignal)
        hasher.combine(confidence)
        hasher.combine(ttl)
        hasher.combine(owners)
        hasher.combine(rawToken)
        hasher.combine(shared)
    }

    /// This lock, sharing `old`'s key, resource and holder strings where they are equal, so
    /// that a re-read which found only a new TTL keeps no second copy of them.
    func sharingStorage(with old: LockEntity) -> LockEntity {
        var shared = self
        if shared.key == old.key { shared.key = old.key }
        if shared.resource == old.resource { shared.resource = old.resource }
        if shared.holders == old.holders { shared.holders = old.holders }
        if shared.token == old.token { shared.token = old.token }
        return shared
    }

    /// No holder, one its token describes, one other, or several.
    private enum Holders: Sendable, Equatable {
        case none
        /// `LockOwner(describedBy: token)`.
        case described(token: String)
        indirect case one(LockOwner)
        case many([LockOwner])
        indirect case shared(SharedHolds)

        init(_ owners: [LockOwner]) {
            switch owners.count {
            case 0: self = .none
            case 1 where LockOwner(describedBy: owners[0].token) == owners[0]: self = .described(token: owners[0].token)
            case 1: self = .one(owners[0])
            default: self = .many(owners)
            }
        }

        var owners: [LockOwner] {
            switch self {
            case .none: []
            case .described(let token): [LockOwner(describedBy: token)]
            case .one(let owner): [owner]
            case .many(let owners): owners
            case .shared(let holds): holds.holders.map(\.owner)
            }
        }

        /// The first holder's token, without describing the holder.
        var firstToken: String? {
            switch self {
            case .none: nil
            case .described(let token): token
            case .one(let owner): owner.token
            case .many(let owners): owners.first?.token
            case .shared(let holds): holds.holders.first?.owner.token
            }
        }
    }

    /// The raw token, or a note that it is the first holder's token text byte for byte.
    private enum RawToken: Sendable, Equatable {
        case none
        case firstOwnersToken
        case bytes([UInt8])

        init(_ bytes: [UInt8]?, firstToken: String?) {
            guard let bytes else { self = .none; return }
            if let firstToken, firstToken.utf8.elementsEqual(bytes) {
                self = .firstOwnersToken
            } else {
                self = .bytes(bytes)
            }
        }
    }
}
