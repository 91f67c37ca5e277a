import Foundation
import LockKit
import RedisClient
import RedisServerKit

/// Uncontended acquire+release pairs/s on one connection: DistributedLock next to
/// redis-benchmark's SET+DEL pair rate and the Python peers, on one private server.
public struct UncontendedLockBenchmark: Sendable {
    public let seconds: Double
    public let python: String?
    public let peersScript: String

    public init(seconds: Double, python: String?, peersScript: String) {
        self.seconds = seconds
        self.python = python
        self.peersScript = peersScript
    }

    public func run() async throws -> String {
        let server = try await RedisServer.start()
        guard case .tcp(_, let port) = server.endpoint.address else { throw BenchmarkError("expected a TCP server") }
        let connection = try await RedisConnection.connect(to: server.endpoint)
        let lock = DistributedLock(connection: connection, publishesReleases: false)
        let publishing = DistributedLock(connection: connection)
        let fenced = DistributedLock(connection: connection, fenced: true, publishesReleases: false)
        let hub = try ReleaseNotifications(endpoint: server.endpoint)
        let reading = ReadWriteLock(connection: connection, notifications: hub).read
        let permits = Semaphore(connection: connection, notifications: hub, permits: 4)

        _ = try await pairsPerSecond(lock, on: connection, seconds: 0.5)  // warm-up, loads the scripts
        let requests = max(5_000, Int(seconds * 10_000))
        let tool = RedisBenchmarkTool(port: port)
        /// redis-benchmark's SET+DEL pair and SET+Lua compare-and-delete pair, measured now.
        func reference() throws -> (pair: Double, casPair: Double) {
            let setRate = try tool.run(command: ["SET", "bench:lock", "token"], requests: requests)
            let delRate = try tool.run(command: ["DEL", "bench:lock"], requests: requests)
            // The least any lock with an atomic owner check can do on Redis 7: SET + a Lua compare-and-delete.
            let casRate = try tool.run(command: ["EVAL", Self.compareAndDelete, "1", "bench:lock", "token"], requests: requests)
            return (1 / (1 / setRate + 1 / delRate), 1 / (1 / setRate + 1 / casRate))
        }
        // Load on this shared machine comes in bursts of seconds. Every round measures ours between
        // two reference runs and compares with their mean, so a load that rises or falls during
        // the round falls on both sides; the figure is the median of the rounds' ratios.
        var rates: [String: [Double]] = [:]
        var ratios: [String: [Double]] = [:]
        var roundLines: [String] = []
        var before = try reference()
        let variants: [(String, @Sendable () async throws -> Double)] = [
            ("plain", { try await pairsPerSecond(lock, on: connection, seconds: seconds) }),
            ("raw", { try await rawPairsPerSecond(on: connection, seconds: seconds) }),
            ("rawScript", { try await rawScriptPairsPerSecond(on: connection, seconds: seconds) }),
            ("publishing", { try await pairsPerSecond(publishing, on: connection, seconds: seconds) }),
            ("fenced", { try await pairsPerSecond(fenced, on: connection, seconds: seconds) }),
            ("read", { try await pairsPerSecond(reading, on: connection, seconds: seconds) }),
            ("permit", { try await pairsPerSecond(permits, on: connection, seconds: seconds) }),
        ]
        for round in 1...Self.rounds {
            var sample: [String: Double] = [:]
            // Each round starts with another of ours, so no row always follows redis-benchmark's processes.
            for offset in 0..<variants.count {
                let (name, measure) = variants[(round + offset) % variants.count]
                sample[name] = try await measure()
            }
            let after = try reference()
            let pair = (before.pair + after.pair) / 2
            sample["pair"] = pair
            sample["casPair"] = (before.casPair + after.casPair) / 2
            before = after
            for (name, rate) in sample {
                rates[name, default: []].append(rate)
                ratios[name, default: []].append(rate / pair)
            }
            roundLines.append("    round \(round): pair \(Int(pair)); DistributedLock \(Int(sample["plain"] ?? 0)) "
                + "(\(BenchFigures.ratio((sample["plain"] ?? 0) / pair))); client SET+EVALSHA \(Int(sample["rawScript"] ?? 0)); "
                + "first measured: \(variants[round % variants.count].0)")
        }
        func median(_ key: String) -> Double { BenchFigures.median(rates[key] ?? []) }
        func medianRatio(_ key: String) -> Double { BenchFigures.median(ratios[key] ?? []) }
        let pairRate = median("pair")

        var peers: [String: Double] = [:]
        if let python {
            peers = try PythonPeers(python: python, script: peersScript).uncontended(port: port, seconds: 4 * seconds)
        }
        hub.stop()
        await connection.close()
        await server.stop()

        var rows: [(String, Double, Double)] = [
            ("redis-benchmark SET+DEL pair (-c 1)", pairRate, 1),
            ("redis-benchmark SET+Lua compare-and-delete pair", median("casPair"), medianRatio("casPair")),
            ("locktop client: SET NX PX + DEL (no lock logic)", median("raw"), medianRatio("raw")),
            ("locktop client: SET NX PX + EVALSHA compare-and-delete", median("rawScript"), medianRatio("rawScript")),
            ("locktop DistributedLock", median("plain"), medianRatio("plain")),
            ("locktop DistributedLock, publishes release", median("publishing"), medianRatio("publishing")),
            ("locktop DistributedLock, fenced", median("fenced"), medianRatio("fenced")),
            ("locktop ReadWriteLock, read (goal >= 0.8x)", median("read"), medianRatio("read")),
            ("locktop Semaphore, one permit", median("permit"), medianRatio("permit")),
        ]
        // The peers run once, after the rounds: they are compared with the median pair rate.
        for name in ["redis-py Lock", "python-redis-lock", "pottery Redlock"] {
            if let rate = peers[name] { rows.append((name, rate, rate / pairRate)) }
        }
        var lines = ["uncontended acquire+release pairs/s, one connection (goal: DistributedLock >= 0.85x redis-benchmark pair)",
                     "medians of \(Self.rounds) rounds; 'vs pair': median of each round's ratio to the redis-benchmark pair measured around it"]
        lines.append(pad("", 56) + pad("pairs/s", 10) + pad("vs pair", 10))
        for (name, rate, ratio) in rows {
            lines.append(pad(name, 56) + pad(String(Int(rate)), 10) + pad(String(format: "%.2fx", ratio), 10))
        }
        lines += roundLines
        if python == nil { lines.append("(Python peers skipped: pass --python bench/.venv/bin/python; scripts/bench-venv.sh makes it)") }
        return lines.joined(separator: "\n")
    }

    static let rounds = 9

    static let compareAndDelete = "if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end return 0"

    /// The same two round trips without LockKit (no token, no Lua), to show the client's share.
    private func rawPairsPerSecond(on connection: RedisConnection, seconds: Double) async throws -> Double {
        let set = RedisCommand("SET", "bench:raw", "token", "NX", "PX", 10_000)
        let del = RedisCommand("DEL", "bench:raw")
        return try await PairRate.perSecond(on: connection, seconds: seconds) {
            try await connection.send(set)
            try await connection.send(del)
        }
    }

    /// The lock's two commands (SET NX PX, EVALSHA compare-and-delete) without LockKit: the server's Lua share.
    private func rawScriptPairsPerSecond(on connection: RedisConnection, seconds: Double) async throws -> Double {
        let token = OwnerToken.generate().value
        let set = RedisCommand("SET", "bench:script", token, "NX", "PX", 10_000)
        let script = RedisScript(name: "compare-and-delete", source: Self.compareAndDelete)
        return try await PairRate.perSecond(on: connection, seconds: seconds) {
            try await connection.send(set)
            try await connection.run(script, keys: ["bench:script"], arguments: [token])
        }
    }

    private func pairsPerSecond(_ lock: some ResourceLock, on connection: RedisConnection, seconds: Double) async throws -> Double {
        try await PairRate.perSecond(on: connection, seconds: seconds) {
            guard let lease = try await lock.tryAcquire("bench:uncontended", ttl: .seconds(10)) else {
                throw BenchmarkError("uncontended lock was held by someone else")
            }
            try await lease.release()
        }
    }

}

func pad(_ text: String, _ width: Int) -> String {
    text.count >= width ? text + " " : text + String(repeating: " ", count: width - text.count)
}
