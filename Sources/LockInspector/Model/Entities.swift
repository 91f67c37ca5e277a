import Foundation
import LockKit

/// Which library or layout wrote a key.
public enum LockFamily: String, Sendable, Hashable, CaseIterable, Codable {
    case locktop, guide, redisson, pythonRedisLock = "python-redis-lock", redisPy = "redis-py"
    case pottery, nodeRedlock = "node-redlock", redsync, redisSemaphore = "redis-semaphore"
    case bullmq, laravel, unknown
}

/// What kind of lock a key is.
public enum LockKind: String, Sendable, Hashable, Codable {
    case mutex, reentrant, readWrite = "read-write", semaphore
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
    /// Priority or score, as the queue orders it.
    public var score: Double
    /// When the waiter's heartbeat runs out, if the layout records it.
    public var deadline: Date?

    public init(member: String, rawMember: [UInt8]? = nil, rank: Int, score: Double, deadline: Date? = nil) {
        self.member = member
        self.rawMember = rawMember ?? Array(member.utf8)
        self.rank = rank
        self.score = score
        self.deadline = deadline
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

    public init(key: [UInt8], resource: String, family: LockFamily, waiters: [Waiter], count: Int) {
        self.key = key
        self.resource = resource
        self.family = family
        self.waiters = waiters
        self.count = count
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
    /// Step name and its recorded state (JSON or text), in field order.
    public var steps: [(name: String, state: String)]
    public var updatedAt: Date?
    public var ttl: LockTTL

    public init(key: [UInt8], name: String, id: String, status: String, steps: [(name: String, state: String)], updatedAt: Date?, ttl: LockTTL) {
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
            && lhs.steps.map(\.name) == rhs.steps.map(\.name) && lhs.steps.map(\.state) == rhs.steps.map(\.state)
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
