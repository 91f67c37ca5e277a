import VisibleText
import Foundation
import LockInspector
import Prometheus

/// The Prometheus text for one reading: lock health in gauges whose labels are bounded (lock
/// family, saga status, anomaly kind); per-key series only when asked for, and capped.
public enum LockMetrics {
    /// Renders `reading` as of `now`; `perKey` adds TTL and queue-length series for at most that many keys.
    public static func text(_ reading: ExporterReading, now: Date, perKey: Int? = nil) -> String {
        // A registry per scrape: series whose label values disappeared (a family with no locks
        // left) disappear with them instead of reporting a stale value forever.
        let registry = PrometheusCollectorRegistry()
        let snapshot = reading.snapshot
        func gauge(_ name: String, _ help: String, _ value: Double, labels: [(String, String)] = []) {
            registry.makeGauge(descriptor: descriptor(name, help), labels: labels).set(value)
        }
        gauge("redis_up", "1 when the last scan of Redis succeeded", reading.reachable ? 1 : 0)
        if let duration = reading.scanDuration {
            gauge("scan_duration_seconds", "How long the last full scan took", duration.seconds)
        }
        if snapshot.takenAt != .distantPast {
            gauge("snapshot_age_seconds", "Age of the data the other series describe", max(0, now.timeIntervalSince(snapshot.takenAt)))
        }
        gauge("scanned_keys", "Keys the last scan visited", Double(snapshot.scannedKeys))
        if let server = reading.server {
            gauge("server_info", "1, labelled with the server's flavor (redis or valkey) and version", 1,
                  labels: [("flavor", server.flavor.rawValue), ("version", server.version.description)])
        }
        if let nodes = reading.nodes {
            let help = "Masters of the Redis Cluster, by whether the last scan could read them"
            let up = nodes.count { $0.isReachable }
            gauge("cluster_masters", help, Double(up), labels: [("state", "up")])
            gauge("cluster_masters", help, Double(nodes.count - up), labels: [("state", "down")])
        }

        let lockHelp = "Locks found, by the library that wrote them"
        let byFamily = Dictionary(grouping: snapshot.locks, by: \.family)
        for family in LockFamily.allCases {
            gauge("locks", lockHelp, Double(byFamily[family]?.count ?? 0), labels: [("family", family.rawValue)])
        }
        // Semaphores: permits held and, where the layout records it, the permit count in force.
        let semaphores = snapshot.locks.filter { $0.kind == .semaphore }
        let bySemaphoreFamily = Dictionary(grouping: semaphores, by: \.family)
        for family in LockFamily.allCases {
            let locks = bySemaphoreFamily[family] ?? []
            gauge("semaphore_permits_used", "Semaphore permits held, by the library that wrote them",
                  Double(locks.reduce(0) { $0 + $1.ownerCount }), labels: [("family", family.rawValue)])
            gauge("semaphore_permits_total", "Semaphore permit counts in force (where the layout records them), by library",
                  Double(locks.reduce(0) { $0 + ($1.shared?.permits ?? 0) }), labels: [("family", family.rawValue)])
        }
        gauge("locks_without_ttl", "Locks that can never expire (no TTL)", Double(snapshot.locks.count { $0.ttl == .noExpiry }))
        gauge("locks_owner_gone", "Locks whose owner has no connection open (CLIENT LIST at the last scan)",
              Double(snapshot.liveness?.goneOwners(in: snapshot.locks).count ?? 0))
        let oldest = snapshot.locks.compactMap { $0.owners.compactMap(\.acquiredAt).min() }.min()
        gauge("oldest_lock_age_seconds", "Age of the oldest lock whose token tells when it was taken",
              oldest.map { max(0, now.timeIntervalSince($0)) } ?? 0)

        gauge("queues", "Wait queues found", Double(snapshot.queues.count))
        gauge("queue_waiters", "Waiters in all queues", Double(snapshot.queues.reduce(0) { $0 + $1.count }))
        gauge("queue_length_max", "Waiters in the longest queue", Double(snapshot.queues.map(\.count).max() ?? 0))

        for (status, count) in sagaCounts(snapshot.sagas) {
            gauge("sagas", "Sagas, by status", Double(count), labels: [("status", status)])
        }
        gauge("transactions", "Two-phase commits found", Double(snapshot.transactions.count))

        let anomalies = AnomalyRules.evaluate(snapshot, now: now)
        gauge("sagas_stuck", "Sagas running or compensating without an update for too long",
              Double(anomalies.count { $0.kind == .sagaStuck }))
        gauge("transactions_in_doubt", "Two-phase commits past their deadline and not finished",
              Double(anomalies.count { $0.kind == .transactionInDoubt }))
        let anomalyHelp = "Anomalies found, by kind and severity"
        for kind in Anomaly.Kind.allCases {
            for severity in [Anomaly.Severity.warning, .critical] {
                gauge("anomalies", anomalyHelp, Double(anomalies.count { $0.kind == kind && $0.severity == severity }),
                      labels: [("kind", kind.rawValue), ("severity", severity.rawValue)])
            }
        }
        if let perKey, perKey > 0 { addPerKey(snapshot, limit: perKey, now: now, registry: registry) }
        return registry.emitToString()
    }

    /// TTL of the `limit` locks closest to expiring (the ones to watch) and length of the `limit` longest queues.
    private static func addPerKey(_ snapshot: Snapshot, limit: Int, now: Date, registry: PrometheusCollectorRegistry) {
        let expiring = snapshot.locks.compactMap { lock -> (String, Duration)? in
            guard case .remaining(let ttl) = lock.ttl else { return nil }
            return (Self.keyLabel(lock.key), ttl)
        }.sorted { $0.1 < $1.1 }.prefix(limit)
        for (key, ttl) in expiring {
            registry.makeGauge(descriptor: descriptor("lock_ttl_seconds", "TTL left, per lock (--per-key)"), labels: [("key", key)])
                .set(ttl.seconds)
        }
        for queue in snapshot.queues.sorted(by: { $0.count > $1.count }).prefix(limit) {
            registry.makeGauge(descriptor: descriptor("queue_length", "Waiters, per queue (--per-key)"), labels: [("queue", Self.keyLabel(queue.key))])
                .set(Double(queue.count))
        }
    }

    /// A key as a label value: its first 200 bytes by the one rule, `VisibleText.escape`.
    static func keyLabel(_ key: [UInt8]) -> String { VisibleText.escape(key.prefix(200)) }

    /// `locktop_<name>` with its help line.
    private static func descriptor(_ name: String, _ help: String) -> MetricNameDescriptor {
        MetricNameDescriptor(namespace: "locktop", metricName: name, unitName: "", helpText: help)
    }

    /// Sagas per status; statuses come from Redis, so past the ten commonest they count as "other".
    static func sagaCounts(_ sagas: [SagaEntity]) -> [(String, Int)] {
        let counts = Dictionary(grouping: sagas, by: { boundedLabel($0.status) }).mapValues(\.count)
        let ranked = counts.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
        var shown = Array(ranked.prefix(10))
        let rest = ranked.dropFirst(10).reduce(0) { $0 + $1.value }
        if rest > 0 { shown.append(("other", rest)) }
        return shown.sorted { $0.0 < $1.0 }
    }

    /// A status from Redis as a label: letters, digits, - and _ only, so a bad value cannot add series without bound.
    static func boundedLabel(_ text: String) -> String {
        let kept = String(text.prefix(32).map { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" ? $0 : "_" })
        return kept.isEmpty ? "unknown" : kept
    }
}

extension Duration {
    var seconds: Double { Double(components.seconds) + Double(components.attoseconds) / 1e18 }
}
