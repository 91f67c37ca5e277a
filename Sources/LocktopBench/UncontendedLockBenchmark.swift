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

        _ = try await pairsPerSecond(lock, on: connection, seconds: 0.5)  // warm-up, loads the scripts
        let requests = max(20_000, Int(seconds * 20_000))
        let tool = RedisBenchmarkTool(port: port)
        // Alternate ours and the reference and keep medians: load on a shared machine comes in bursts.
        var samples: [String: [Double]] = [:]
        for _ in 0..<3 {
            samples["plain", default: []].append(try await pairsPerSecond(lock, on: connection, seconds: seconds))
            samples["raw", default: []].append(try await rawPairsPerSecond(on: connection, seconds: seconds))
            samples["publishing", default: []].append(try await pairsPerSecond(publishing, on: connection, seconds: seconds))
            samples["fenced", default: []].append(try await pairsPerSecond(fenced, on: connection, seconds: seconds))
            let setRate = try tool.run(command: ["SET", "bench:lock", "token"], requests: requests)
            let delRate = try tool.run(command: ["DEL", "bench:lock"], requests: requests)
            samples["pair", default: []].append(1 / (1 / setRate + 1 / delRate))
            // The least any lock with an atomic owner check can do on Redis 7: SET + a Lua compare-and-delete.
            let casRate = try tool.run(command: ["EVAL", Self.compareAndDelete, "1", "bench:lock", "token"], requests: requests)
            samples["casPair", default: []].append(1 / (1 / setRate + 1 / casRate))
        }
        func median(_ key: String) -> Double {
            let values = (samples[key] ?? []).sorted()
            return values.isEmpty ? 0 : values[values.count / 2]
        }
        let pairRate = median("pair")
        let ours = median("plain")
        let oursPublishing = median("publishing")
        let oursFenced = median("fenced")
        let raw = median("raw")
        let casPair = median("casPair")

        var peers: [String: Double] = [:]
        if let python {
            peers = try PythonPeers(python: python, script: peersScript).uncontended(port: port, seconds: seconds)
        }
        await connection.close()
        await server.stop()

        var rows: [(String, Double)] = [
            ("redis-benchmark SET+DEL pair (-c 1)", pairRate),
            ("redis-benchmark SET+Lua compare-and-delete pair", casPair),
            ("locktop client: SET NX PX + DEL (no lock logic)", raw),
            ("locktop DistributedLock", ours),
            ("locktop DistributedLock, publishes release", oursPublishing),
            ("locktop DistributedLock, fenced", oursFenced),
        ]
        for name in ["redis-py Lock", "python-redis-lock", "pottery Redlock"] {
            if let rate = peers[name] { rows.append((name, rate)) }
        }
        var lines = ["uncontended acquire+release pairs/s, one connection (goal: DistributedLock >= 0.85x redis-benchmark pair)"]
        lines.append(pad("", 45) + pad("pairs/s", 10) + pad("vs pair", 10))
        for (name, rate) in rows {
            lines.append(pad(name, 45) + pad(String(Int(rate)), 10) + pad(String(format: "%.2fx", rate / pairRate), 10))
        }
        if python == nil { lines.append("(Python peers skipped: pass --python bench/.venv/bin/python; scripts/bench-venv.sh makes it)") }
        return lines.joined(separator: "\n")
    }

    static let compareAndDelete = "if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end return 0"

    /// The same two round trips without LockKit (no token, no Lua), to show the client's share.
    private func rawPairsPerSecond(on connection: RedisConnection, seconds: Double) async throws -> Double {
        let set = RedisCommand("SET", "bench:raw", "token", "NX", "PX", 10_000)
        let del = RedisCommand("DEL", "bench:raw")
        return try await pairsPerSecond(on: connection, seconds: seconds) {
            try await connection.send(set)
            try await connection.send(del)
        }
    }

    private func pairsPerSecond(_ lock: DistributedLock, on connection: RedisConnection, seconds: Double) async throws -> Double {
        try await pairsPerSecond(on: connection, seconds: seconds) {
            guard let lease = try await lock.tryAcquire("bench:uncontended", ttl: .seconds(10)) else {
                throw BenchmarkError("uncontended lock was held by someone else")
            }
            try await lease.release()
        }
    }

    /// Runs `pair` for `seconds` on the connection's own thread; pairs per second.
    private func pairsPerSecond(on connection: RedisConnection, seconds: Double,
                                _ pair: () async throws -> Void) async throws -> Double {
        try await withTaskExecutorPreference(connection.executor) {
            let clock = ContinuousClock()
            let start = clock.now
            let deadline = start + .milliseconds(Int(seconds * 1000))
            var pairs = 0
            while clock.now < deadline {
                for _ in 0..<50 { try await pair() }
                pairs += 50
            }
            return Double(pairs) / (clock.now - start).seconds
        }
    }
}

func pad(_ text: String, _ width: Int) -> String {
    text.count >= width ? text + " " : text + String(repeating: " ", count: width - text.count)
}
