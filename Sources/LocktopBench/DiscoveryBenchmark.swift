import Foundation
import LockInspector
import RedisClient
import RedisServerKit

/// P1: a million keys of which ten thousand are locks; how long a full `locktop list --json`
/// takes next to the server's own SCAN work, and the slowest single command it caused.
///
/// The machine is shared, so one figure means little: each round measures the reference
/// pass and both of ours back to back (each ratio uses its own round's reference), and the
/// report gives medians over the rounds.
public struct DiscoveryBenchmark: Sendable {
    public let totalKeys: Int
    public let locks: Int
    /// Locks named after their resources, holding `uuid4().hex` (redis-py 8.2's Lock).
    public let tokenLocks: Int
    /// TTL'd noise keys (`NoiseKeyspace`).
    public let noise: Int
    /// Idle clients connected while `CLIENT LIST` and `PUBSUB` are timed.
    public let clients: Int
    public let scanCount: Int
    public let rounds: Int

    public init(totalKeys: Int, locks: Int, tokenLocks: Int = 1_000, noise: Int = 100_000, clients: Int = 1_000,
                scanCount: Int, rounds: Int = 1) {
        self.totalKeys = totalKeys
        self.locks = locks
        self.tokenLocks = tokenLocks
        self.noise = noise
        self.clients = clients
        self.scanCount = scanCount
        self.rounds = max(1, rounds)
    }

    /// One `locktop list --json` as the benchmark times it.
    private struct Listing {
        var wall: Double
        var reportSeconds: Double
        var serverSeconds: Double
        var slowCommands: Int
        var slowestMicroseconds: Int
        /// Commands in SLOWLOG by name (`SCAN`, `PTTL`, ...).
        var slowByName: [String: Int]
        var snapshot: Snapshot
        var jsonBytes: Int
    }

    public func run() async throws -> String {
        let server = try await RedisServer.start(arguments: ["--enable-debug-command", "yes"])
        defer { Task { await server.stop() } }
        let admin = try await RedisConnection.connect(to: server.endpoint)
        // The keyspace of issue #17: locks in the documented layouts, token-shaped locks named
        // after their resources, noise with TTLs, and plain data for the rest.
        let keyspace = DiscoveryKeyspace(locks: locks, tokenLocks: tokenLocks, noise: noise)
        try await admin.send("DEBUG", "POPULATE", totalKeys - keyspace.count, "data", 16)
        try await keyspace.write(on: admin)
        // Diagnostics: the bare SCAN pass (no MATCH) from a client, and with the glob filter.
        let bare = try await bareScan(admin, filter: nil)
        let filtered = try await bareScan(admin, filter: KeyspaceScanner(connection: admin))

        var lines: [String] = []
        var references: [Double] = [], defaults: [Double] = [], matches: [Double] = []
        var defaultRatios: [Double] = [], matchRatios: [Double] = []
        var slowCommands = 0
        var slowest = 0
        var slowByName: [String: Int] = [:]
        var last: Listing?
        for round in 1...rounds {
            let reference = try await referenceScan(admin)
            let listing = try await list(admin, server.endpoint, patterns: ScanOptions.defaultPatterns)
            let matched = try await list(admin, server.endpoint, patterns: ["lock:*"])
            references.append(reference)
            defaults.append(listing.wall)
            matches.append(matched.wall)
            defaultRatios.append(listing.wall / reference)
            matchRatios.append(matched.wall / reference)
            slowCommands += listing.slowCommands + matched.slowCommands
            slowest = max(slowest, listing.slowestMicroseconds, matched.slowestMicroseconds)
            slowByName.merge(listing.slowByName, uniquingKeysWith: +)
            slowByName.merge(matched.slowByName, uniquingKeysWith: +)
            last = listing
            lines.append("    round \(round): reference \(BenchFigures.seconds(reference)) s; default \(BenchFigures.seconds(listing.wall)) s "
                + "(\(BenchFigures.ratio(listing.wall / reference))); lock:* \(BenchFigures.seconds(matched.wall)) s (\(BenchFigures.ratio(matched.wall / reference))); "
                + "SLOWLOG \(listing.slowCommands)+\(matched.slowCommands)")
        }
        guard let last else { return "no rounds" }
        let discovery = try await LockDiscoveryFigures(keyspace: keyspace, rounds: rounds, scanCount: scanCount).run(admin, server.endpoint)
        let liveness = try await LivenessFigures(clients: clients, rounds: rounds).run(admin, server.endpoint, locks: last.snapshot.locks)

        let found = last.snapshot.locks.count
        let withOwner = last.snapshot.locks.filter { !$0.owners.isEmpty }.count
        return """
            P1 discovery: \(totalKeys) keys, \(locks) locks in documented layouts, \(tokenLocks) token locks named after their resources, \(noise) TTL'd noise keys (SCAN COUNT from \(scanCount), paced up to 5000); medians of \(rounds) round(s)
              server SCAN work, one pass (COUNT 1000, MATCH lock:*): \(BenchFigures.seconds(BenchFigures.median(references))) s
              locktop list --json, wall time:                         \(BenchFigures.seconds(BenchFigures.median(defaults))) s  (\(BenchFigures.ratio(BenchFigures.median(defaultRatios))); goal <= 1.3x)
              locktop list --json --pattern 'lock:*', wall time:     \(BenchFigures.seconds(BenchFigures.median(matches))) s  (\(BenchFigures.ratio(BenchFigures.median(matchRatios))))
              server time of all its commands (default patterns, last round):           \(BenchFigures.seconds(last.serverSeconds)) s
              bare SCAN pass without MATCH, client wall: \(BenchFigures.seconds(bare)) s; with glob filter: \(BenchFigures.seconds(filtered)) s
              of which anomaly rules and JSON (last round): \(BenchFigures.seconds(last.reportSeconds)) s
              locks reported: \(found) of \(locks), with owner: \(withOwner), JSON \(last.jsonBytes) bytes
              commands over 2 ms (SLOWLOG, threshold 2000 us) in all our runs: \(slowCommands) \(Self.tally(slowByName)); slowest SLOWLOG entry: \(slowest) us
            \(lines.joined(separator: "\n"))
            \(discovery)
            \(liveness)
            """
    }

    /// The server's own work for one SCAN pass over every key (COUNT 1000, filtered server-side).
    private func referenceScan(_ admin: RedisConnection) async throws -> Double {
        try await admin.send("CONFIG", "RESETSTAT")
        var cursor = "0"
        repeat {
            let reply = try await admin.send("SCAN", cursor, "MATCH", "lock:*", "COUNT", 1000)
            cursor = reply.array?.first?.string ?? "0"
        } while cursor != "0"
        return try await commandSeconds(admin, "scan")
    }

    /// What `locktop list --json` does: connect, scan, evaluate anomalies, write the JSON.
    private func list(_ admin: RedisConnection, _ endpoint: RedisEndpoint, patterns: [String]) async throws -> Listing {
        try await admin.send("CONFIG", "RESETSTAT")
        try await admin.send("CONFIG", "SET", "slowlog-log-slower-than", 2000)
        try await admin.send("SLOWLOG", "RESET")
        let clock = ContinuousClock()
        let started = clock.now
        let inspector = try await RedisConnection.connect(to: endpoint)
        let snapshot = try await KeyspaceScanner(connection: inspector, options: ScanOptions(patterns: patterns, count: scanCount)).scan()
        let scanned = clock.now
        let json = try SnapshotReport(snapshot, endpoint: endpoint.description,
                                      anomalies: AnomalyRules.evaluate(snapshot, now: Date())).json()
        let wall = (clock.now - started).seconds
        let reportSeconds = (clock.now - scanned).seconds
        await inspector.close()
        let slowlog = try await admin.send("SLOWLOG", "GET", 128).array ?? []
        let slowest = slowlog.compactMap { $0.array?.count ?? 0 > 2 ? $0.array?[2].int : nil }.max() ?? 0
        var slowByName: [String: Int] = [:]
        for entry in slowlog {
            guard let parts = entry.array, parts.count > 3, let name = parts[3].array?.first?.string else { continue }
            slowByName[name.uppercased(), default: 0] += 1
        }
        return Listing(wall: wall, reportSeconds: reportSeconds, serverSeconds: try await totalSeconds(admin),
                       slowCommands: try await admin.send("SLOWLOG", "LEN").int ?? -1, slowestMicroseconds: slowest, slowByName: slowByName,
                       snapshot: snapshot, jsonBytes: json.utf8.count)
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
        Double(try await commandStats(connection).filter { !["info", "config", "slowlog"].contains($0.name) }
            .reduce(0) { $0 + $1.usec }) / 1e6
    }


    private static func tally(_ counts: [String: Int]) -> String {
        counts.isEmpty ? "" : "(" + counts.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ") + ")"
    }

}
