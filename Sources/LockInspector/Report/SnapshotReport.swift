import VisibleText
import Foundation
import LockKit
import RedisClient

/// The stable JSON of `locktop list --json` (documented in the README). Every text read from
/// Redis is `VisibleText.escape`d (reversible with `printf %b`); times are ISO 8601; TTLs are
/// milliseconds or null.
public struct SnapshotReport: Encodable, Sendable {
    public struct Lock: Encodable, Sendable {
        let key: String
        let resource: String
        let family: String
        let kind: String
        /// `lock`, or `possible` when only the token's shape and a TTL made it one.
        let confidence: String
        /// Remaining TTL in ms; null with `noExpiry` true when the lock never expires.
        let ttlMs: Int?
        let noExpiry: Bool
        let owners: [Owner]
        /// `alive`, `gone` or `?` (see `OwnerStatus`).
        let ownerStatus: String
        /// Subscribers of the lock's release channel; absent when it has none or PUBSUB was refused.
        let waiters: Int?
        /// A read-write lock's or semaphore's holders, each with its own lease; absent for a mutex.
        let shared: Shared?
    }

    public struct Shared: Encodable, Sendable {
        /// `read`, `write` or `free`.
        let mode: String
        /// The semaphore's permit count in force, when recorded.
        let permits: Int?
        let holders: [Holder]
        let waitingWriters: [Holder]
    }

    public struct Holder: Encodable, Sendable {
        /// `reader`, `writer`, `waiting-writer` or `permit`.
        let role: String
        let token: String
        let host: String?
        let pid: Int32?
        let ttlMs: Int?
        let noExpiry: Bool
    }

    public struct Owner: Encodable, Sendable {
        let token: String
        let host: String?
        let pid: Int32?
        let thread: String?
        let acquiredAt: Date?
    }

    public struct Queue: Encodable, Sendable {
        let key: String
        let resource: String
        let family: String
        let count: Int
        let waiters: [QueueWaiter]
    }

    public struct QueueWaiter: Encodable, Sendable {
        let member: String
        let rank: Int
        let score: Double
    }

    public struct Transaction: Encodable, Sendable {
        let key: String
        let id: String
        let state: String
        let participants: [String]
        let deadline: Date?
    }

    public struct Saga: Encodable, Sendable {
        let key: String
        let name: String
        let id: String
        let status: String
        /// In saga order, as the dashboard shows them.
        let steps: [Step]
        let updatedAt: Date?
    }

    public struct Step: Encodable, Sendable {
        let name: String
        let state: String
        let attempt: Int?
        let error: String?
    }

    public struct Stream: Encodable, Sendable {
        let key: String
        let length: Int
        let latestId: String?
    }

    /// One master of a Redis Cluster (only in a cluster's report).
    public struct Node: Encodable, Sendable {
        let address: String
        let foundKeys: Int
        /// Why it could not be read; absent when it answered.
        let problem: String?
        let scannedKeys: Int
        let slots: Int
    }

    public struct Finding: Encodable, Sendable {
        let key: String
        let kind: String
        let severity: String
        let message: String
    }

    let endpoint: String
    /// What the server is and allows (`ServerCapabilities`); absent when it was not asked.
    let server: Server?
    let takenAt: Date
    let scannedKeys: Int
    let locks: [Lock]
    let nodes: [Node]?
    let queues: [Queue]
    let transactions: [Transaction]
    let sagas: [Saga]
    let streams: [Stream]
    let unknown: [String]
    let anomalies: [Finding]

    /// The report of `snapshot`; `nodes` (a cluster's masters) adds a `nodes` member.
    public init(_ snapshot: Snapshot, endpoint: String, anomalies: [Anomaly], nodes: [ClusterNodeStatus]? = nil,
                server: ServerCapabilities? = nil) {
        self.endpoint = endpoint
        self.server = server.map(Server.init)
        self.nodes = nodes?.map {
            Node(address: $0.address, foundKeys: $0.foundKeys, problem: $0.problem, scannedKeys: $0.scannedKeys, slots: $0.slotCount)
        }
        takenAt = snapshot.takenAt
        scannedKeys = snapshot.scannedKeys
        locks = snapshot.locks.map { lock in
            Lock(key: Self.text(lock.key), resource: lock.resource, family: lock.family.rawValue, kind: lock.kind.rawValue,
                 confidence: lock.confidence.rawValue, ttlMs: Self.milliseconds(lock.ttl), noExpiry: lock.ttl == .noExpiry,
                 owners: lock.owners.map { Owner(token: $0.token, host: $0.host, pid: $0.pid, thread: $0.thread, acquiredAt: $0.acquiredAt) },
                 ownerStatus: (snapshot.liveness?.status(of: lock) ?? .unknown).rawValue,
                 waiters: snapshot.liveness?.waiters(of: lock),
                 shared: lock.shared.map(Self.shared))
        }
        queues = snapshot.queues.map { queue in
            Queue(key: Self.text(queue.key), resource: queue.resource, family: queue.family.rawValue, count: queue.count,
                  waiters: queue.waiters.map { QueueWaiter(member: $0.member, rank: $0.rank, score: $0.score) })
        }
        transactions = snapshot.transactions.map {
            Transaction(key: Self.text($0.key), id: $0.id, state: $0.state, participants: $0.participants, deadline: $0.deadline)
        }
        sagas = snapshot.sagas.map { saga in
            Saga(key: Self.text(saga.key), name: saga.name, id: saga.id, status: saga.status,
                 steps: saga.steps.map { Step(name: $0.name, state: $0.state, attempt: $0.attempt, error: $0.error) },
                 updatedAt: saga.updatedAt)
        }
        streams = snapshot.streams.map { Stream(key: Self.text($0.key), length: $0.length, latestId: $0.latest.first?.id) }
        unknown = snapshot.unknown.map { Self.text($0.key) }
        self.anomalies = anomalies.map { Finding(key: Self.text($0.key), kind: $0.kind.rawValue, severity: $0.severity.rawValue, message: $0.message) }
    }

    /// The `server` member: flavor and version (absent when `INFO` was refused) and the
    /// lock commands usable; `deleteIfEqual` is `DELIFEQ` or `DELEX IFEQ` when the server has one.
    public struct Server: Encodable, Sendable {
        let flavor: String?
        let version: String?
        let scripting: Bool
        let setIfEqual: Bool
        let deleteIfEqual: String?

        init(_ capabilities: ServerCapabilities) {
            flavor = capabilities.server?.flavor.rawValue
            version = capabilities.server.map { "\($0.version)" }
            scripting = capabilities.scripting
            setIfEqual = capabilities.setIfEqual
            deleteIfEqual = capabilities.deleteIfEqual?.rawValue
        }
    }

    /// Key bytes as text, by the one rule (`VisibleText.escape`): unambiguous, reversible.
    /// Remaining ms, or nil when the key never expires or is gone.
    static func milliseconds(_ ttl: LockTTL) -> Int? {
        if case .remaining(let left) = ttl { return Int(left.secondsValue * 1000) }
        return nil
    }

    static func shared(_ holds: SharedHolds) -> Shared {
        let holder = { (holder: SharedHolder) in
            Holder(role: holder.role.rawValue, token: holder.owner.token, host: holder.owner.host, pid: holder.owner.pid,
                   ttlMs: milliseconds(holder.ttl), noExpiry: holder.ttl == .noExpiry)
        }
        return Shared(mode: holds.mode.rawValue, permits: holds.permits, holders: holds.holders.map(holder),
                      waitingWriters: holds.waitingWriters.map(holder))
    }

    static func text(_ key: [UInt8]) -> String { VisibleText.escape(key) }
}
