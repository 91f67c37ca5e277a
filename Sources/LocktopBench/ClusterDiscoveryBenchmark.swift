import Foundation
import LockInspector
import RedisClient
import RedisServerKit

/// Discovery over a cluster: a million keys (ten thousand locks) spread over the masters of a
/// private cluster. Each round times every master scanned on its own, one after another, then
/// `locktop list` scanning them all at once, then one standalone server holding the same keys
/// (the single-server P1 figure). Goal: all masters at once within 1.2x the slowest master alone.
public struct ClusterDiscoveryBenchmark: Sendable {
    public let masters: Int
    public let totalKeys: Int
    public let locks: Int
    public let rounds: Int

    public init(masters: Int = 3, totalKeys: Int = 1_000_000, locks: Int = 10_000, rounds: Int = 5) {
        self.masters = max(1, masters)
        self.totalKeys = totalKeys
        self.locks = locks
        self.rounds = max(1, rounds)
    }

    public func run() async throws -> String {
        let cluster = try await RedisCluster.start(masters: masters, arguments: ["--enable-debug-command", "yes"])
        defer { Task { await cluster.stop() } }
        let single = try await RedisServer.start(arguments: ["--enable-debug-command", "yes"])
        defer { Task { await single.stop() } }
        try await fill(cluster)
        try await fillSingle(single)

        let endpoint = try cluster.endpoint
        let scanner = ClusterScanner(endpoint: endpoint)
        let layout = try await ClusterTopology.masters(of: endpoint, seeds: scanner.seeds)
        var slowestAlone: [Double] = [], together: [Double] = [], singles: [Double] = [], ratios: [Double] = [], bounds: [Double] = []
        var admins: [RedisConnection] = []
        for master in layout { admins.append(try await RedisConnection.connect(to: endpoint.node(master.host, master.port))) }
        let cores = Double(ProcessInfo.processInfo.activeProcessorCount)
        var lines: [String] = []
        var found = 0
        for round in 1...rounds {
            var alone: [Double] = []
            for master in layout {
                let connection = try await RedisConnection.connect(to: endpoint.node(master.host, master.port))
                alone.append(try await BenchFigures.time { _ = try await KeyspaceScanner(connection: connection).scan() })
                await connection.close()
            }
            let serversBefore = try await Self.serverCPU(admins)
            let clientBefore = Self.processCPU()
            let all = try await BenchFigures.time { found = try await scanner.scan(masters: layout).snapshot.locks.count }
            // What the machine had to do in that time: every server's CPU and ours, over its cores.
            let cpu = try await Self.serverCPU(admins) - serversBefore + Self.processCPU() - clientBefore
            bounds.append(cpu / cores)
            let oneServer = try await RedisConnection.connect(to: single.endpoint)
            let whole = try await BenchFigures.time { _ = try await KeyspaceScanner(connection: oneServer).scan() }
            await oneServer.close()
            let slowest = alone.max() ?? 0
            slowestAlone.append(slowest)
            together.append(all)
            singles.append(whole)
            ratios.append(all / slowest)
            lines.append("    round \(round): masters alone " + alone.map(BenchFigures.seconds).joined(separator: " / ")
                + " s; all at once \(BenchFigures.seconds(all)) s (\(BenchFigures.ratio(all / slowest)) the slowest; CPU of servers and client / cores: "
                + "\(BenchFigures.seconds(cpu / cores)) s); one server \(BenchFigures.seconds(whole)) s")
        }
        return """
            Cluster discovery: \(totalKeys) keys, \(locks) locks over \(masters) masters (default patterns); medians of \(rounds) round(s)
              slowest master scanned alone:       \(BenchFigures.seconds(BenchFigures.median(slowestAlone))) s
              every master at once (locktop list): \(BenchFigures.seconds(BenchFigures.median(together))) s  (\(BenchFigures.ratio(BenchFigures.median(ratios))) the slowest alone; goal <= 1.2x)
              CPU bound of that run (servers' + client's CPU seconds / \(Int(cores)) cores): \(BenchFigures.seconds(BenchFigures.median(bounds))) s
              one standalone server, same keys:   \(BenchFigures.seconds(BenchFigures.median(singles))) s  (the single-server P1 figure)
              locks found in the cluster: \(found) of \(locks); \(ProcessInfo.processInfo.activeProcessorCount) cores for \(masters) servers and the client
            \(lines.joined(separator: "\n"))
            """
    }

    /// `used_cpu_user + used_cpu_sys` summed over `servers`.
    private static func serverCPU(_ servers: [RedisConnection]) async throws -> Double {
        var total = 0.0
        for server in servers { total += try await ServerCounters.read(server).cpuSeconds }
        return total
    }

    /// User and system CPU seconds of this process so far.
    private static func processCPU() -> Double {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        func seconds(_ time: timeval) -> Double { Double(time.tv_sec) + Double(time.tv_usec) / 1e6 }
        return seconds(usage.ru_utime) + seconds(usage.ru_stime)
    }

    /// Each master gets its share of plain keys (DEBUG POPULATE under a hash tag it serves) and of locks.
    private func fill(_ cluster: RedisCluster) async throws {
        let plainPerMaster = (totalKeys - locks) / masters
        for (index, node) in cluster.nodes.enumerated() {
            let tag = cluster.key(onNode: index) { "{fill\($0)}" }
            try await RedisConnection.connect(to: node.endpoint, options: Self.patient).send("DEBUG", "POPULATE", plainPerMaster, "\(tag):data", 16)
        }
        var batches = [[RedisCommand]](repeating: [], count: masters)
        let owner = "\(Int(Date().timeIntervalSince1970 * 1000))-bench-host-4242-0badcafe"
        for index in 0..<locks {
            let key = "lock:{resource:\(index)}"
            batches[cluster.nodeIndex(serving: key)].append(RedisCommand("SET", key, owner, "PX", 600_000))
        }
        for (index, batch) in batches.enumerated() {
            let connection = try await RedisConnection.connect(to: cluster.nodes[index].endpoint, options: Self.patient)
            var start = 0
            while start < batch.count {
                _ = try await connection.pipeline(Array(batch[start..<min(batch.count, start + 1000)]))
                start += 1000
            }
        }
    }

    private func fillSingle(_ server: RedisServer) async throws {
        let connection = try await RedisConnection.connect(to: server.endpoint, options: Self.patient)
        try await connection.send("DEBUG", "POPULATE", totalKeys - locks, "data", 16)
        let owner = "\(Int(Date().timeIntervalSince1970 * 1000))-bench-host-4242-0badcafe"
        var start = 0
        while start < locks {
            _ = try await connection.pipeline((start..<min(locks, start + 1000)).map { RedisCommand("SET", "lock:{resource:\($0)}", owner, "PX", 600_000) })
            start += 1000
        }
    }

    /// DEBUG POPULATE of a third of a million keys takes longer than the default command timeout.
    private static let patient = RedisConnectionOptions(commandTimeout: .seconds(120))
}
