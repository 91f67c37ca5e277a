import Foundation
import LockKit

/// Which library or layout wrote a key: a library's name only on evidence specific to it
/// (a key prefix, a value layout, companion keys); otherwise the token's shape (`token:32hex`),
/// whose writers `LockFamily.writers` lists. A wrong library name is worse than none.
public enum LockFamily: String, Sendable, Hashable, CaseIterable, Codable {
    case locktop, guide, redisson, pythonRedisLock = "python-redis-lock"
    case pottery, redisSemaphore = "redis-semaphore"
    case bullmq, laravel, walrus, pylock
    /// A UUID (36 characters, any version, either case) under a name no library claims.
    case tokenUUID = "token:uuid"
    /// 32 hex digits under a name no library claims.
    case tokenHex32 = "token:32hex"
    /// Base64 or base64url of 16 to 24 random bytes under a name no library claims.
    case tokenBase64 = "token:base64"
    case unknown
}

/// How sure the recogniser is that a key is a lock.
public enum LockConfidence: String, Sendable, Hashable, Codable {
    /// A library's layout, or a token under a name that says lock (`...lock...`, `mutex`, ...).
    case lock
    /// Only the value's shape and a TTL: a session id or a cache token looks the same.
    case possible
}

/// What kind of lock a key is.
public enum LockKind: String, Sendable, Hashable, Codable {
    case mutex, reentrant, readWrite = "rwlock", semaphore
}

/// Who holds a lock, as far as the token tells.
public struct LockOwner: Sendable, Hashable, Codable {
    /// The token as shown to people (escaped if binary, capped).
    public var token: String
    public var host: String?
    public var pid: Int32?
    public var thread: String?
    public var acquiredAt: Date?

    public init(token: String, host: String? = nil, pid: Int32? = nil, thread: String? = nil, acquiredAt: Date? = nil) {
        self.token = token
        self.host = host
        self.pid = pid
        self.thread = thread
        self.acquiredAt = acquiredAt
    }
}

/// One waiter in a queue.
public struct Waiter: Sendable, Hashable {
    /// The member as shown (escaped and capped).
    public var member: String
    /// The member exactly as stored, for actions that must name it (remove a dead waiter).
    public var rawMember: [UInt8]
    public var rank: Int
    /// Score, as the queue orders it.
    public var score: Double
    /// The priority the score encodes (LockKit's `priority * 1e13 + arrival`), as the recogniser read it.
    public var priority: Double
    /// Who waits, as far as the member tells (LockKit's tokens name host, pid and since when).
    public var owner: LockOwner
    /// When the waiter's heartbeat runs out, if the layout records it.
    public var deadline: Date?

    /// `priority` defaults to LockKit's rule (a score of 1e13 or more is `priority * 1e13 + arrival`),
    /// `owner` to what the member describes.
    public init(member: String, rawMember: [UInt8]? = nil, rank: Int, score: Double, priority: Double? = nil,
                owner: LockOwner? = nil, deadline: Date? = nil) {
        self.member = member
        self.rawMember = rawMember ?? Array(member.utf8)
        self.rank = rank
        self.score = score
        self.priority = priority ?? Self.lockKitPriority(score)
        self.owner = owner ?? LockOwner(describedBy: member)
        self.deadline = deadline
    }

    /// LockKit's queue scores are `priority * 1e13 + arrival`; smaller scores are the priority itself.
    public static func lockKitPriority(_ score: Double) -> Double {
        score >= 1e13 ? (score / 1e13).rounded(.down) : score
    }
}

/// A wait queue (priority zset, fair-lock list).
public struct QueueEntity: Sendable, Hashable {
    public var key: [UInt8]
    public var resource: String
    public var family: LockFamily
    public var waiters: [Waiter]
    /// Total waiters (the list may be capped).
    public var count: Int
    /// The keys that keep the queue with it (a LockKit queue's heartbeat deadlines and arrival
    /// counter), as the layout names them; empty for layouts without such keys.
    public var supportKeys: QueueSupportKeys

    public init(key: [UInt8], resource: String, family: LockFamily, waiters: [Waiter], count: Int,
                supportKeys: QueueSupportKeys = QueueSupportKeys()) {
        self.key = key
        self.resource = resource
        self.family = family
        self.waiters = waiters
        self.count = count
        self.supportKeys = supportKeys
    }
}

/// The keys a priority queue keeps beside its zset.
public struct QueueSupportKeys: Sendable, Hashable {
    /// Heartbeat deadlines (a zset of the same members), removed with a waiter.
    public var deadlines: [UInt8]?
    /// Arrival counter, so equal priorities keep arrival order.
    public var arrivals: [UInt8]?

    public init(deadlines: [UInt8]? = nil, arrivals: [UInt8]? = nil) {
        self.deadlines = deadlines
        self.arrivals = arrivals
    }
}

/// A two-phase-commit record.
public struct TransactionEntity: Sendable, Hashable {
    public var key: [UInt8]
    public var id: String
    public var state: String
    public var participants: [String]
    public var deadline: Date?
    public var updatedAt: Date?
    public var ttl: LockTTL

    public init(key: [UInt8], id: String, state: String, participants: [String], deadline: Date?, updatedAt: Date?, ttl: LockTTL) {
        self.key = key
        self.id = id
        self.state = state
        self.participants = participants
        self.deadline = deadline
        self.updatedAt = updatedAt
        self.ttl = ttl
    }
}

/// A saga's persisted state.
public struct SagaEntity: Sendable, Hashable {
    public var key: [UInt8]
    public var name: String
    public var id: String
    public var status: String
    /// The steps in saga order (LockKit's step index), each as the recogniser read it.
    public var steps: [SagaStep]
    public var updatedAt: Date?
    public var ttl: LockTTL

    public init(key: [UInt8], name: String, id: String, status: String, steps: [SagaStep], updatedAt: Date?, ttl: LockTTL) {
        self.key = key
        self.name = name
        self.id = id
        self.status = status
        self.steps = steps
        self.updatedAt = updatedAt
        self.ttl = ttl
    }

    public static func == (lhs: SagaEntity, rhs: SagaEntity) -> Bool {
        lhs.key == rhs.key && lhs.status == rhs.status && lhs.updatedAt == rhs.updatedAt
            && lhs.steps == rhs.steps
    }

    public func hash(into hasher: inout Hasher) { hasher.combine(key) }
}

/// An event stream and its newest entries.
public struct StreamEntity: Sendable, Hashable {
    public var key: [UInt8]
    public var aggregate: String
    public var id: String
    public var length: Int
    public var latest: [StreamEntry]

    public init(key: [UInt8], aggregate: String, id: String, length: Int, latest: [StreamEntry]) {
        self.key = key
        self.aggregate = aggregate
        self.id = id
        self.length = length
        self.latest = latest
    }
}

/// What one key turned out to be.
public enum Entity: Sendable, Hashable {
    case lock(LockEntity)
    case queue(QueueEntity)
    case transaction(TransactionEntity)
    case saga(SagaEntity)
    case stream(StreamEntity)
    /// Supporting keys: fences, checkpoints, signal lists, queue deadlines, prepare records.
    case auxiliary(key: [UInt8], role: String, family: LockFamily)
    /// Matched the user's patterns but no recogniser claimed it: shown, never dropped.
    case unknown(key: [UInt8], type: KeyType, ttl: LockTTL)
}

extension Entity {
    /// The key the entity was read from.
    public var key: [UInt8] {
        switch self {
        case .lock(let lock): lock.key
        case .queue(let queue): queue.key
        case .transaction(let transaction): transaction.key
        case .saga(let saga): saga.key
        case .stream(let stream): stream.key
        case .auxiliary(let key, _, _), .unknown(let key, _, _): key
        }
    }
}
