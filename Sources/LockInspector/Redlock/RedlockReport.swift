import VisibleText
import Foundation

/// `locktop list` over several independent servers: one row per lock key, a column per server.
public struct RedlockReport: Sendable {
    /// The servers as shown (never with passwords), in the order given.
    public let servers: [String]
    public let locks: [RedlockLock]
    public let anomalies: [Anomaly]

    public init(servers: [String], snapshots: [Snapshot?]) {
        self.servers = servers
        locks = RedlockMerge.locks(snapshots)
        anomalies = RedlockMerge.anomalies(locks)
    }

    /// A table: the key, then per server the owner's short token and TTL (`-` none, `?` unreadable), then the verdict.
    public func table() -> String {
        var lines = [(["", "KEY"] + servers.indices.map { "SERVER \($0 + 1)" } + ["STATE"]).joined(separator: "  ")]
        lines += servers.enumerated().map { "  server \($0.offset + 1): \($0.element)" }
        let flagged = Set(anomalies.map(\.key))
        for lock in locks {
            let cells = lock.perServer.indices.map { index -> String in
                guard lock.readable[index] else { return Self.pad("?", 22) }
                guard let held = lock.perServer[index] else { return Self.pad("-", 22) }
                return Self.pad(Self.shortToken(held.rawToken ?? []) + " " + SnapshotTable.ttl(held.ttl), 22)
            }
            lines.append(([flagged.contains(lock.key) ? "!" : " ", Self.pad(Self.text(lock.key), 30)] + cells + [Self.verdict(lock)])
                .joined(separator: "  "))
        }
        lines.append("\(locks.count) lock key(s) over \(servers.count) servers, quorum \(servers.count / 2 + 1)")
        for anomaly in anomalies {
            lines.append("\(anomaly.severity.rawValue.uppercased()) \(Self.text(anomaly.key)): \(anomaly.message)")
        }
        return lines.joined(separator: "\n")
    }

    /// JSON for scripts: servers, then per lock its state and each server's token and TTL.
    public func json() throws -> String {
        struct Holder: Encodable { var token: String; var ttlMs: Int?; var noExpiry: Bool }
        struct Row: Encodable { var key: String; var resource: String; var state: String; var quorum: Int; var servers: [Holder?]; var readable: [Bool] }
        struct Finding: Encodable { var key: String; var kind: String; var severity: String; var message: String }
        struct Document: Encodable { var servers: [String]; var locks: [Row]; var anomalies: [Finding] }
        let rows = locks.map { lock in
            Row(key: Self.text(lock.key), resource: lock.resource, state: Self.verdict(lock), quorum: lock.quorum,
                servers: lock.perServer.map { held in
                    held.map { lock in
                        let ttl: Int? = if case .remaining(let left) = lock.ttl { left.wholeMilliseconds } else { nil }
                        return Holder(token: Self.text(lock.rawToken ?? []), ttlMs: ttl, noExpiry: lock.ttl == .noExpiry)
                    }
                }, readable: lock.readable)
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return String(decoding: try encoder.encode(Document(servers: servers, locks: rows, anomalies: anomalies.map {
            Finding(key: Self.text($0.key), kind: $0.kind.rawValue, severity: $0.severity.rawValue, message: $0.message)
        })), as: UTF8.self)
    }

    /// `quorum 2/3`, `minority 1/3`, `split 1+1/3`, `free`.
    public static func verdict(_ lock: RedlockLock) -> String {
        let total = lock.perServer.count
        switch lock.state {
        case .free: return "free"
        case .quorum(let token): return "quorum \(lock.holders.first { $0.token == token }?.servers ?? 0)/\(total)"
        case .minority(_, let servers): return "minority \(servers)/\(total)"
        case .split(let counts): return "split \(counts.map(String.init).joined(separator: "+"))/\(total)"
        }
    }

    /// The last 12 characters of a token: enough to tell owners apart in a column.
    public static func shortToken(_ token: [UInt8]) -> String {
        let text = text(token)
        return text.count > 12 ? "…" + text.suffix(12) : text
    }

    static func text(_ bytes: [UInt8]) -> String {
        if let text = String(validating: bytes, as: UTF8.self), !text.unicodeScalars.contains(where: { $0.value < 0x20 }) { return text }
        return VisibleText.escape(bytes)
    }

    private static func pad(_ text: String, _ width: Int) -> String {
        text.count >= width ? String(text.prefix(width)) : text + String(repeating: " ", count: width - text.count)
    }
}
