import Foundation
import LockInspector
import LockKit
import VisibleText

/// A snapshot file written by `w` (or `locktop list --json`), read back for `locktop replay`.
///
/// The file holds what the screen showed, not Redis replies: keys come back through
/// `VisibleText.bytes(of:)` (the inverse of the one escaping rule), TTLs as read when it was taken.
public struct SavedSnapshot: Sendable {
    public var snapshot: Snapshot
    /// The endpoint the snapshot was taken from.
    public var endpoint: String
    /// Flavor, version and lock commands, as the status line shows them; nil when not recorded.
    public var server: String?

    /// Why a file could not be replayed, naming it.
    public struct Failure: Error, CustomStringConvertible {
        public var description: String
    }

    /// Reads the JSON file at `path`.
    public static func read(_ path: String) throws(Failure) -> SavedSnapshot {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw Failure(description: "cannot read \(path): \(error.localizedDescription)")
        }
        return try decode(data, named: path)
    }

    /// Decodes a report's JSON; `name` is used in errors.
    public static func decode(_ data: Data, named name: String) throws(Failure) -> SavedSnapshot {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        let report: Report
        do {
            report = try decoder.decode(Report.self, from: data)
        } catch {
            throw Failure(description: "\(name) is not a locktop snapshot (locktop list --json or the dashboard's w): \(Self.reason(error))")
        }
        return try SavedSnapshot(report, name: name)
    }

    private init(_ report: Report, name: String) throws(Failure) {
        func key(_ text: String) throws(Failure) -> [UInt8] {
            guard let bytes = VisibleText.bytes(of: text) else { throw Failure(description: "\(name): the key \(text) is not escaped text") }
            return bytes
        }
        var entities: [Entity] = []
        for lock in report.locks {
            let ttl: LockTTL = lock.noExpiry ? .noExpiry : lock.ttlMs.map { .remaining(.milliseconds($0)) } ?? .missing
            let owners = lock.owners.map { LockOwner(token: $0.token, host: $0.host, pid: $0.pid, thread: $0.thread, acquiredAt: $0.acquiredAt) }
            let family = LockFamily(rawValue: lock.family) ?? .unknown
            let kind = LockKind(rawValue: lock.kind) ?? .mutex
            if let shared = lock.shared {
                entities.append(.lock(LockEntity(key: try key(lock.key), resource: lock.resource, family: family, kind: kind,
                                                 shared: shared.holds, ttl: ttl)))
                continue
            }
            entities.append(.lock(LockEntity(key: try key(lock.key), resource: lock.resource, family: family,
                                             kind: kind, owners: owners, ttl: ttl,
                                             rawToken: owners.first.map { VisibleText.bytes(of: $0.token) ?? Array($0.token.utf8) })))
        }
        for queue in report.queues {
            entities.append(.queue(QueueEntity(key: try key(queue.key), resource: queue.resource, family: LockFamily(rawValue: queue.family) ?? .unknown,
                                               waiters: queue.waiters.map { Waiter(member: $0.member, rank: $0.rank, score: $0.score) },
                                               count: queue.count)))
        }
        for transaction in report.transactions {
            entities.append(.transaction(TransactionEntity(key: try key(transaction.key), id: transaction.id, state: transaction.state,
                                                           participants: transaction.participants, deadline: transaction.deadline,
                                                           updatedAt: nil, ttl: .missing)))
        }
        for saga in report.sagas {
            let steps = saga.steps.map { SagaStep(name: $0.name, state: $0.state, attempt: $0.attempt, error: $0.error) }
            entities.append(.saga(SagaEntity(key: try key(saga.key), name: saga.name, id: saga.id, status: saga.status, steps: steps,
                                             updatedAt: saga.updatedAt, ttl: .missing)))
        }
        for stream in report.streams {
            entities.append(.stream(StreamEntity(key: try key(stream.key), aggregate: "", id: "", length: stream.length,
                                                 latest: stream.latestId.map { [StreamEntry(id: $0, fields: [])] } ?? [])))
        }
        // Their type was not recorded; they show as unknown keys again all the same.
        for unknown in report.unknown {
            entities.append(.unknown(key: try key(unknown), type: .other, ttl: .missing))
        }
        snapshot = Snapshot(takenAt: report.takenAt, entities: entities, scannedKeys: report.scannedKeys)
        endpoint = report.endpoint
        server = report.server.map { server in
            let name = [server.flavor, server.version].compactMap { $0 }.joined(separator: " ")
            return (name.isEmpty ? "unknown server" : name) + (server.scripting ? " (Lua)" : " (no Lua)")
        }
    }

    private static func reason(_ error: any Error) -> String {
        switch error {
        case DecodingError.keyNotFound(let key, _): "no \(key.stringValue) member"
        case DecodingError.typeMismatch(_, let context), DecodingError.valueNotFound(_, let context), DecodingError.dataCorrupted(let context):
            context.debugDescription + (context.codingPath.isEmpty ? "" : " at " + context.codingPath.map(\.stringValue).joined(separator: "."))
        default: "\(error)"
        }
    }

    // The `list --json` schema (see SnapshotReport), as much of it as the dashboard shows.
    private struct Report: Decodable {
        struct Lock: Decodable {
            var key: String, resource: String, family: String, kind: String, ttlMs: Int64?, noExpiry: Bool, owners: [Owner]
            var shared: Shared?
        }
        struct Shared: Decodable {
            var mode: String, permits: Int?, holders: [Holder], waitingWriters: [Holder]

            var holds: SharedHolds {
                SharedHolds(holders: holders.map(\.holder), waitingWriters: waitingWriters.map(\.holder), permits: permits)
            }
        }
        struct Holder: Decodable {
            var role: String, token: String, host: String?, pid: Int32?, ttlMs: Int64?, noExpiry: Bool

            var holder: SharedHolder {
                SharedHolder(role: SharedHolder.Role(rawValue: role) ?? .reader, owner: LockOwner(token: token, host: host, pid: pid),
                             rawMember: VisibleText.bytes(of: token) ?? Array(token.utf8),
                             ttl: noExpiry ? .noExpiry : ttlMs.map { .remaining(.milliseconds($0)) } ?? .missing)
            }
        }
        struct Owner: Decodable {
            var token: String, host: String?, pid: Int32?, thread: String?, acquiredAt: Date?
        }
        struct Queue: Decodable {
            var key: String, resource: String, family: String, count: Int, waiters: [QueueWaiter]
        }
        struct QueueWaiter: Decodable {
            var member: String, rank: Int, score: Double
        }
        struct Transaction: Decodable {
            var key: String, id: String, state: String, participants: [String], deadline: Date?
        }
        struct Saga: Decodable {
            var key: String, name: String, id: String, status: String, steps: [Step], updatedAt: Date?
        }
        struct Step: Decodable {
            var name: String, state: String, attempt: Int?, error: String?
        }
        struct Stream: Decodable {
            var key: String, length: Int, latestId: String?
        }
        struct Server: Decodable {
            var flavor: String?, version: String?, scripting: Bool
        }
        var endpoint: String
        var server: Server?
        var takenAt: Date
        var scannedKeys: Int
        var locks: [Lock]
        var queues: [Queue]
        var transactions: [Transaction]
        var sagas: [Saga]
        var streams: [Stream]
        var unknown: [String]
    }
}
