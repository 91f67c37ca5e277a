import Foundation
import LockInspector
import RedisClient

/// `locktop discover` on the benchmark keyspace: how many of its locks it finds as locks,
/// how many noise keys it calls locks, its server work next to the server's own SCAN pass
/// without MATCH, and its commands over 2 ms (SLOWLOG).
struct LockDiscoveryFigures: Sendable {
    let keyspace: DiscoveryKeyspace
    let rounds: Int
    let scanCount: Int

    func run(_ admin: RedisConnection, _ endpoint: RedisEndpoint) async throws -> String {
        var ratios: [Double] = [], walls: [Double] = [], references: [Double] = [], works: [Double] = []
        var slow = 0
        var lines: [String] = []
        var last: DiscoveryReport?
        for round in 1...rounds {
            let reference = try await Self.serverSeconds(admin, of: ["scan"]) {
                var cursor = "0"
                repeat {
                    cursor = try await admin.send("SCAN", cursor, "COUNT", 1000).array?.first?.string ?? "0"
                } while cursor != "0"
            }
            try await admin.send("CONFIG", "SET", "slowlog-log-slower-than", 2000)
            try await admin.send("SLOWLOG", "RESET")
            let clock = ContinuousClock()
            var wall = Duration.zero
            var report: DiscoveryReport?
            let work = try await Self.serverSeconds(admin, of: nil) {
                let started = clock.now
                let redis = try await RedisConnection.connect(to: endpoint)
                report = try await Discovery(connection: redis, count: scanCount).run()
                wall = clock.now - started
                await redis.close()
            }
            let slowNow = try await admin.send("SLOWLOG", "LEN").int ?? -1
            slow += slowNow
            references.append(reference)
            works.append(work)
            ratios.append(work / reference)
            walls.append(wall.seconds)
            last = report
            lines.append("    discover round \(round): server \(BenchFigures.seconds(work)) s vs SCAN \(BenchFigures.seconds(reference)) s "
                + "(\(BenchFigures.ratio(work / reference))); wall \(BenchFigures.seconds(wall.seconds)) s; SLOWLOG \(slowNow)")
        }
        guard let last else { return "no discovery rounds" }
        let expected = keyspace.lockPatterns
        let asLock = last.groups.filter { $0.confidence == .lock && $0.what == "locks" }
        let found = asLock.filter { expected[$0.pattern] != nil }.reduce(0) { $0 + $1.count }
        let noiseAsLock = last.groups.filter { $0.confidence == .lock && expected[$0.pattern] == nil }.reduce(0) { $0 + $1.count }
        let possible = last.groups.filter { $0.confidence == .possible }.reduce(0) { $0 + $1.count }
        let total = expected.values.reduce(0, +)
        return """
            locktop discover: \(found) of \(total) locks found as locks (\(String(format: "%.1f", 100 * Double(found) / Double(max(1, total))))%), \
            \(noiseAsLock) other keys called locks, \(possible) noise keys listed as possible; values read of \(last.readKeys) of \(last.scannedKeys) keys
              server work, medians: discover \(BenchFigures.seconds(BenchFigures.median(works))) s, SCAN without MATCH (COUNT 1000) \
            \(BenchFigures.seconds(BenchFigures.median(references))) s: \(BenchFigures.ratio(BenchFigures.median(ratios))) (goal <= 2.0x); \
            wall \(BenchFigures.seconds(BenchFigures.median(walls))) s
              commands over 2 ms (SLOWLOG) in all discover runs: \(slow)
            \(lines.joined(separator: "\n"))
            """
    }

    /// The server time (commandstats usec) of `names` (nil: every command but INFO, CONFIG, SLOWLOG) while `body` runs.
    static func serverSeconds(_ admin: RedisConnection, of names: Set<String>?, _ body: () async throws -> Void) async throws -> Double {
        try await admin.send("CONFIG", "RESETSTAT")
        try await body()
        let info = try await admin.send("INFO", "commandstats").string ?? ""
        var usec = 0
        for line in info.split(whereSeparator: \.isNewline) where line.hasPrefix("cmdstat_") {
            guard let colon = line.firstIndex(of: ":") else { continue }
            let name = String(line[line.index(line.startIndex, offsetBy: 8)..<colon])
            if let names { guard names.contains(name) else { continue } } else if ["info", "config|resetstat", "config|set", "config",
                                                                                    "slowlog", "slowlog|reset", "slowlog|len"].contains(name) { continue }
            for field in line[line.index(after: colon)...].split(separator: ",") where field.hasPrefix("usec=") {
                usec += Int(field.dropFirst(5)) ?? 0
            }
        }
        return Double(usec) / 1e6
    }
}

/// `CLIENT LIST` and `PUBSUB` once per rescan, as the inspector sends them, with `clients`
/// idle clients connected (named as LockKit names them; one in ten subscribed to a lock's
/// release channel): their server time per rescan.
struct LivenessFigures: Sendable {
    let clients: Int
    let rounds: Int

    func run(_ admin: RedisConnection, _ endpoint: RedisEndpoint, locks: [LockEntity]) async throws -> String {
        guard case .tcp(_, let port) = endpoint.address else { return "liveness: needs a TCP server" }
        let channels = locks.compactMap { $0.releaseChannel.map { String(decoding: $0.name, as: UTF8.self) } }
        let idle = try IdleClients(count: clients, port: port) { index in
            var commands = ["CLIENT SETNAME lockkit/bench-client/\(index + 1)"]
            if index % 10 == 0, !channels.isEmpty { commands.append("SUBSCRIBE \(channels[index % channels.count])") }
            return commands
        }
        let inspector = try await RedisConnection.connect(to: endpoint)
        var times: [Double] = []
        var liveness: Liveness?
        for _ in 0..<max(3, rounds) {
            let seconds = try await LockDiscoveryFigures.serverSeconds(admin, of: ["client|list", "pubsub|channels", "pubsub|numsub"]) {
                liveness = try await Liveness.read(inspector, locks: locks)
            }
            times.append(seconds)
        }
        await inspector.close()
        withExtendedLifetime(idle) {}
        let waiting = liveness?.subscribers?.values.reduce(0, +) ?? 0
        return """
            liveness per rescan (CLIENT LIST + PUBSUB CHANNELS + PUBSUB NUMSUB) with \(liveness?.clientCount ?? 0) clients connected: \
            server time median \(String(format: "%.2f", BenchFigures.median(times) * 1000)) ms, max \(String(format: "%.2f", (times.max() ?? 0) * 1000)) ms \
            (goal < 5 ms); \(liveness?.processes?.count ?? 0) LockKit processes seen, \(waiting) release-channel waiters counted
            """
    }
}
