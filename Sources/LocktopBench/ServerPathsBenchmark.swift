import Foundation
import LockKit
import RedisClient
import RedisServerKit

/// The compare-and-set paths per server, in one run: on Redis 7.0 and Valkey 8.1, the
/// DistributedLock pair rate next to redis-benchmark's SET+DEL pair; extend and renew by Lua
/// against `SET IFEQ` (commands and server CPU per call, from INFO commandstats and INFO cpu);
/// and the no-Lua (WATCH) pair rate with its ratio to the Lua path.
public struct ServerPathsBenchmark: Sendable {
    public let seconds: Double
    public let rounds: Int

    public init(seconds: Double, rounds: Int = 5) {
        self.seconds = seconds
        self.rounds = rounds
    }

    public func run() async throws -> String {
        var lines = ["compare-and-set paths per server (goals on Valkey 8.1: DistributedLock >= 0.85x SET+DEL pair; WATCH >= 0.45x Lua)",
                     "pairs/s are medians of \(rounds) rounds, each between two redis-benchmark runs; one connection, loopback"]
        for kind in ServerKind.allCases {
            guard kind.binary != nil else {
                lines.append("\(kind): not installed (\(kind.installHint))")
                continue
            }
            lines += try await measure(kind)
        }
        return lines.joined(separator: "\n")
    }

    private func measure(_ kind: ServerKind) async throws -> [String] {
        let server = try await RedisServer.start(kind)
        guard case .tcp(_, let port) = server.endpoint.address else { throw BenchmarkError("expected a TCP server") }
        let connection = try await RedisConnection.connect(to: server.endpoint)
        let capabilities = try await connection.capabilities()
        let tool = RedisBenchmarkTool(port: port)
        let requests = max(5_000, Int(seconds * 10_000))
        func referencePair() throws -> Double {
            let set = try tool.run(command: ["SET", "bench:lock", "token"], requests: requests)
            let del = try tool.run(command: ["DEL", "bench:lock"], requests: requests)
            return 1 / (1 / set + 1 / del)
        }
        let automatic = DistributedLock(connection: connection, publishesReleases: false)
        var lua = automatic
        lua.compareAndSet = .lua
        var watch = automatic
        watch.compareAndSet = .watch
        // A forced `.native` would release by DELIFEQ/DELEX too, which neither server here has:
        // the native extend is measured on its own below.
        let variants: [(String, DistributedLock)] = [("auto", automatic), ("lua", lua), ("watch", watch)]
        for (_, lock) in variants { _ = try await pairsPerSecond(lock, on: connection, seconds: 0.2) }  // warm-up, loads scripts

        var rates: [String: [Double]] = [:]
        var before = try referencePair()
        for round in 0..<rounds {
            for offset in variants.indices {
                let (name, lock) = variants[(round + offset) % variants.count]
                rates[name, default: []].append(try await pairsPerSecond(lock, on: connection, seconds: seconds))
            }
            let after = try referencePair()
            rates["pair", default: []].append((before + after) / 2)
            before = after
        }
        func median(_ name: String) -> Double { BenchFigures.median(rates[name] ?? []) }
        let pair = median("pair")
        var lines = ["", "\(kind): \(capabilities)"]
        lines.append("  " + pad("", 58) + pad("pairs/s", 10) + pad("ratio", 10))
        lines.append("  " + pad("redis-benchmark SET+DEL pair (-c 1)", 58) + pad(String(Int(pair)), 10) + pad("1.00x", 10))
        let automaticPath = "release \(CompareAndSetPath.release(on: capabilities).rawValue)"
        lines.append("  " + pad("DistributedLock (\(automaticPath)) vs pair", 58) + pad(String(Int(median("auto"))), 10)
                     + pad(BenchFigures.ratio(median("auto") / pair), 10))
        lines.append("  " + pad("DistributedLock, release by Lua", 58) + pad(String(Int(median("lua"))), 10)
                     + pad(BenchFigures.ratio(median("lua") / pair), 10))
        lines.append("  " + pad("DistributedLock, no Lua (WATCH release) vs Lua release", 58) + pad(String(Int(median("watch"))), 10)
                     + pad(BenchFigures.ratio(median("watch") / median("lua")), 10))

        // Extend (+= ms, reads the TTL) and renew (= ms) on one held lock, per path.
        let lease = try await connection.extendCandidate()
        var paths: [CompareAndSetPath] = [.lua, .watch]
        if capabilities.setIfEqual { paths.insert(.native, at: 1) }
        lines.append("  " + pad("extend / renew of a held lock", 58) + pad("calls/s", 10) + pad("cmds/call", 10) + pad("server us/call", 16))
        let changes: [(TTLChange, Int?)] = [(.add(milliseconds: 1), nil), (.add(milliseconds: 1), 3_000_000), (.set(milliseconds: 60_000), nil)]
        for (change, remaining) in changes {
            for path in paths where remaining == nil || path == .native {
                let figures = try await extendFigures(on: connection, key: lease.key, token: lease.token, change: change, path: path,
                                                      remainingAtMost: remaining)
                let label = (remaining == nil ? change.label : "extend by (lease remaining + new TTL)")
                    + " by \(path.rawValue)\(path == .native ? " (SET IFEQ)" : "")"
                lines.append("  " + pad(label, 58) + pad(String(Int(figures.rate)), 10) + pad(String(format: "%.1f", figures.commands), 10)
                             + pad(String(format: "%.1f (cpu %.1f)", figures.commandMicros, figures.cpuMicros), 16))
            }
        }
        await connection.close()
        await server.stop()
        return lines
    }

    private struct ExtendFigures {
        var rate: Double
        var commands: Double
        var commandMicros: Double
        var cpuMicros: Double
    }

    /// Calls/s of one path for `seconds`, then the server's own count: commands executed
    /// (INFO commandstats, scripts' inner commands included), their time, and the process
    /// CPU (INFO cpu) per call.
    private func extendFigures(on connection: RedisConnection, key: String, token: String, change: TTLChange,
                               path: CompareAndSetPath, remainingAtMost: Int?) async throws -> ExtendFigures {
        _ = try await connection.extendIfOwned(key, token: token, change: change, path: path)  // loads a script
        try await connection.send("CONFIG", "RESETSTAT")
        let cpuBefore = try await Self.cpuSeconds(connection)
        let (calls, elapsed) = try await withTaskExecutorPreference(connection.executor) {
            let clock = ContinuousClock()
            let start = clock.now
            let deadline = start + .milliseconds(Int(seconds * 1000))
            var calls = 0
            while clock.now < deadline {
                for _ in 0..<50 {
                    guard try await connection.extendIfOwned(key, token: token, change: change, path: path,
                                                             remainingAtMost: remainingAtMost).isDone else {
                        throw BenchmarkError("the benchmark's own lock was lost")
                    }
                }
                calls += 50
            }
            return (calls, (clock.now - start).seconds)
        }
        let cpuAfter = try await Self.cpuSeconds(connection)
        let stats = try await connection.send("INFO", "commandstats").string ?? ""
        var commands = 0
        var micros = 0
        for line in stats.split(separator: "\r\n") where line.hasPrefix("cmdstat_") && !line.hasPrefix("cmdstat_config") && !line.hasPrefix("cmdstat_info") {
            commands += Self.field("calls", in: line)
            micros += Self.field("usec", in: line)
        }
        let perCall = Double(max(calls, 1))
        return ExtendFigures(rate: Double(calls) / elapsed, commands: Double(commands) / perCall,
                             commandMicros: Double(micros) / perCall, cpuMicros: (cpuAfter - cpuBefore) * 1e6 / perCall)
    }

    static func field(_ name: String, in line: Substring) -> Int {
        guard let range = line.range(of: "\(name)=") else { return 0 }
        return Int(line[range.upperBound...].prefix { $0.isNumber }) ?? 0
    }

    /// used_cpu_user + used_cpu_sys of the server process, in seconds.
    static func cpuSeconds(_ connection: RedisConnection) async throws -> Double {
        let text = try await connection.send("INFO", "cpu").string ?? ""
        var total = 0.0
        for line in text.split(separator: "\r\n") where line.hasPrefix("used_cpu_user:") || line.hasPrefix("used_cpu_sys:") {
            total += Double(line.split(separator: ":").last ?? "") ?? 0
        }
        return total
    }

    private func pairsPerSecond(_ lock: DistributedLock, on connection: RedisConnection, seconds: Double) async throws -> Double {
        try await PairRate.perSecond(on: connection, seconds: seconds) {
            guard let lease = try await lock.tryAcquire("bench:paths", ttl: .seconds(10)) else {
                throw BenchmarkError("uncontended lock was held by someone else")
            }
            guard try await lease.release() else { throw BenchmarkError("release found the lock not ours") }
        }
    }
}

extension TTLChange {
    fileprivate var label: String {
        switch self {
        case .add: "extend by (PTTL + new TTL)"
        case .set: "renew to (new TTL)"
        }
    }
}

extension RedisConnection {
    /// A lock held for the extend loops: a long TTL, so the loops never see it expire.
    fileprivate func extendCandidate() throws -> (key: String, token: String) {
        let key = "lock:{bench:extend}"
        let token = OwnerToken.generate().value
        try send("SET", key, token, "PX", 3_600_000)
        return (key, token)
    }
}
