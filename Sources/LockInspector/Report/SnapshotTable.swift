import Foundation
import LockKit
import RedisClient

/// `locktop list` for people: one line per lock, then queues, transactions, sagas, anomalies.
public enum SnapshotTable {
    /// `server`, when given, heads the table: `server: valkey 8.1.8 (SET IFEQ, Lua)`.
    public static func render(_ snapshot: Snapshot, anomalies: [Anomaly], now: Date, server: ServerCapabilities? = nil) -> String {
        var lines: [String] = []
        if let server { lines.append("server: \(server)") }
        let flagged = Set(anomalies.map(\.key))
        lines.append(row(["", "KEY", "FAMILY", "OWNER", "TTL", "AGE"], [1, 40, 18, 40, 10, 8]))
        for lock in snapshot.locks {
            let owner = lock.owners.first.map { owner in
                [owner.host, owner.pid.map { "pid \($0)" }, owner.thread].compactMap { $0 }.joined(separator: " ").nonEmpty ?? owner.token
            } ?? "-"
            let age = lock.owners.compactMap(\.acquiredAt).min().map { format(now.timeIntervalSince($0)) } ?? "-"
            lines.append(row([flagged.contains(lock.key) ? "!" : " ", SnapshotReport.text(lock.key), lock.family.rawValue,
                              owner, ttl(lock.ttl), age], [1, 40, 18, 40, 10, 8]))
        }
        for queue in snapshot.queues {
            lines.append("queue \(SnapshotReport.text(queue.key)): \(queue.count) waiter(s)"
                + queue.waiters.prefix(5).map { " #\($0.rank) \($0.member)" }.joined())
        }
        for transaction in snapshot.transactions { lines.append("2pc \(transaction.id): \(transaction.state)") }
        for saga in snapshot.sagas { lines.append("saga \(saga.name) \(saga.id): \(saga.status)") }
        for stream in snapshot.streams { lines.append("stream \(SnapshotReport.text(stream.key)): \(stream.length) event(s)") }
        lines.append("\(snapshot.locks.count) lock(s), \(snapshot.queues.count) queue(s), \(snapshot.scannedKeys) key(s) scanned")
        for anomaly in anomalies {
            lines.append("\(anomaly.severity.rawValue.uppercased()) \(SnapshotReport.text(anomaly.key)): \(anomaly.message)")
        }
        return lines.joined(separator: "\n")
    }

    static func ttl(_ ttl: LockTTL) -> String {
        switch ttl {
        case .missing: "gone"
        case .noExpiry: "NO TTL"
        case .remaining(let left): format(left.secondsValue)
        }
    }

    static func format(_ seconds: Double) -> String {
        if seconds < 10 { return String(format: "%.1fs", seconds) }
        if seconds < 120 { return String(format: "%.0fs", seconds) }
        if seconds < 7200 { return String(format: "%.0fm", seconds / 60) }
        return String(format: "%.0fh", seconds / 3600)
    }

    private static func row(_ cells: [String], _ widths: [Int]) -> String {
        zip(cells, widths).map { cell, width in
            cell.count > width ? String(cell.prefix(width - 1)) + "…" : cell + String(repeating: " ", count: width - cell.count)
        }.joined(separator: " ")
    }
}

extension String {
    var nonEmpty: String? { isEmpty ? nil : self }
}
