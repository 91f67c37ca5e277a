import Foundation
import LockInspector
import RedisClient
import RedisServerKit

/// P1: a million keys of which ten thousand are locks; how long a full `locktop list --json`
/// takes next to the server's own SCAN work, and the slowest single command it caused.
public struct DiscoveryBenchmark: Sendable {
    public let totalKeys: Int
    public let locks: Int
    public let scanCount: Int

    public init(totalKeys: Int, locks: Int, scanCount: Int) {
        self.totalKeys = totalKeys
        self.locks = locks
        self.scanCount = scanCount
    }

    public func run() async throws -> String {
        let server = try await RedisServer.start(arguments: ["--enable-debug-command", "yes"])
        defer { Task { await server.stop() } }
        let admin = try await RedisConnection.connect(to: server.endpoint)
        try await admin.send("DEBUG", "POPULATE", totalKeys - locks, "data", 16)
        let owner = "\(Int(Date().timeIntervalSince1970 * 1000))-bench-host-4242-0badcafe"
        var batch: [RedisCommand] = []
        for index in 0..<locks {
            batch.append(RedisCommand("SET", "lock:{resource:\(index)}", owner, "PX", 600_000))
            if batch.count == 1000 { _ = try await admin.pipeline(batch); batch.removeAll() }
        }
        _ = try await admin.pipeline(batch)

        // The server's own work for one SCAN pass over every key (COUNT 1000, filtered server-side).
        try await admin.send("CONFIG", "RESETSTAT")
        var cursor = "0"
        repeat {
            let reply = try await admin.send("SCAN", cursor, "MATCH", "lock:*", "COUNT", 1000)
            cursor = reply.array?.first?.string ?? "0"
        } while cursor != "0"
        let scanServerSeconds = try await commandSeconds(admin, "scan")

        // Diagnostics: the bare SCAN pass (no MATCH) from a client, and with the glob filter.
        let bare = try await bareScan(admin, filter: nil)
        let filtered = try await bareScan(admin, filter: KeyspaceScanner(connection: admin))

        try await admin.send("CONFIG", "RESETSTAT")
        try await admin.send("CONFIG", "SET", "slowlog-log-slower-than", 2000)
        try await admin.send("SLOWLOG", "RESET")
        let clock = ContinuousClock()
        let started = clock.now
        let inspector = try await RedisConnection.connect(to: server.endpoint)
        let snapshot = try await KeyspaceScanner(connection: inspector, options: ScanOptions(count: scanCount)).scan()
        let scanned = clock.now
        let json = try SnapshotReport(snapshot, endpoint: server.endpoint.description,
                                      anomalies: AnomalyRules.evaluate(snapshot, now: Date())).json()
        let wall = (clock.now - started).seconds
        let reportSeconds = (clock.now - scanned).seconds
        let ourServerSeconds = try await totalSeconds(admin)
        let slow = try await admin.send("SLOWLOG", "LEN").int ?? -1
        let maxCommand = try await maxCommandMicroseconds(admin)

        // The same with one pattern, which the server filters (SCAN MATCH).
        let matchStarted = clock.now
        let matched = try await KeyspaceScanner(connection: inspector, options: ScanOptions(patterns: ["lock:*"], count: scanCount)).scan()
        _ = try SnapshotReport(matched, endpoint: server.endpoint.description, anomalies: AnomalyRules.evaluate(matched, now: Date())).json()
        let matchWall = (clock.now - matchStarted).seconds

        let found = snapshot.locks.count
        let withOwner = snapshot.locks.filter { !$0.owners.isEmpty }.count
        return """
            P1 discovery: \(totalKeys) keys, \(locks) locks (SCAN COUNT from \(scanCount), paced up to 5000; default patterns)
              server SCAN work, one pass (COUNT 1000, MATCH lock:*): \(String(format: "%.3f", scanServerSeconds)) s
              locktop list --json, wall time:                         \(String(format: "%.3f", wall)) s  (\(String(format: "%.2f", wall / scanServerSeconds))x; goal <= 1.3x)
              locktop list --json --pattern 'lock:*', wall time:     \(String(format: "%.3f", matchWall)) s  (\(String(format: "%.2f", matchWall / scanServerSeconds))x), \(matched.count) keys
              server time of all its commands (default patterns):                       \(String(format: "%.3f", ourServerSeconds)) s
              bare SCAN pass without MATCH, client wall: \(String(format: "%.3f", bare)) s; with glob filter: \(String(format: "%.3f", filtered)) s
              of which anomaly rules and JSON encoding: \(String(format: "%.3f", reportSeconds)) s
              locks reported: \(found) of \(locks), with owner: \(withOwner), JSON \(json.utf8.count) bytes
              commands over 2 ms (SLOWLOG, threshold 2000 us): \(slow); slowest command on average: \(String(format: "%.0f", maxCommand)) us per call
            """
    }

    private func bareScan(_ connection: RedisConnection, filter: KeyspaceScanner?) async throws -> Double {
        let clock = ContinuousClock()
        let started = clock.now
        var cursor: [UInt8] = Array("0".utf8)
        var matched = 0
        repeat {
            let reply = try await connection.send("SCAN", cursor, "COUNT", scanCount)
            cursor = reply.array?.first?.bytes ?? Array("0".utf8)
            if let filter, let keys = reply.array?.last?.array {
                matched += keys.compactMap(\.bytes).filter(filter.isWatched).count
            }
        } while cursor != Array("0".utf8)
        return (clock.now - started).seconds
    }

    private func commandStats(_ connection: RedisConnection) async throws -> [(name: String, calls: Int, usec: Int)] {
        let info = try await connection.send("INFO", "commandstats").string ?? ""
        return info.split(whereSeparator: \.isNewline).compactMap { line -> (String, Int, Int)? in
            guard line.hasPrefix("cmdstat_"), let colon = line.firstIndex(of: ":") else { return nil }
            let name = String(line[line.index(line.startIndex, offsetBy: 8)..<colon])
            var calls = 0
            var usec = 0
            for field in line[line.index(after: colon)...].split(separator: ",") {
                let pair = field.split(separator: "=")
                guard pair.count == 2 else { continue }
                if pair[0] == "calls" { calls = Int(pair[1]) ?? 0 }
                if pair[0] == "usec" { usec = Int(pair[1]) ?? 0 }
            }
            return (name, calls, usec)
        }
    }

    private func commandSeconds(_ connection: RedisConnection, _ name: String) async throws -> Double {
        Double(try await commandStats(connection).first { $0.name == name }?.usec ?? 0) / 1e6
    }

    private func totalSeconds(_ connection: RedisConnection) async throws -> Double {
        Double(try await commandStats(connection).filter { $0.name != "info" && $0.name != "config" && $0.name != "slowlog" }
            .reduce(0) { $0 + $1.usec }) / 1e6
    }

    private func maxCommandMicroseconds(_ connection: RedisConnection) async throws -> Double {
        try await commandStats(connection).filter { $0.calls > 0 }.map { Double($0.usec) / Double($0.calls) }.max() ?? 0
    }
}
