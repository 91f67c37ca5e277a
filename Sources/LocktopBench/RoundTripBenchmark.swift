import Foundation
import RedisClient
import RedisServerKit

/// Round trips per second of this client next to `redis-benchmark`, on one private server.
public struct RoundTripBenchmark: Sendable {
    /// One row of the report.
    public struct Row: Sendable {
        public let name: String
        public let ours: Double
        public let reference: Double
        public let goal: Double
        public var ratio: Double { reference > 0 ? ours / reference : 0 }
    }

    public let requests: Int
    /// Ours and redis-benchmark alternate this many times; each row reports the medians,
    /// so a burst of load on a shared machine does not favour either side.
    public let rounds: Int

    /// Also the same rows over TLS, against `redis-benchmark --tls` on a TLS-only server.
    public let tls: Bool

    public init(requests: Int, rounds: Int = 3, tls: Bool = false) {
        self.requests = requests
        self.rounds = max(1, rounds)
        self.tls = tls
    }

    public func run() async throws -> [Row] {
        let server = try await RedisServer.start()
        var rows = try await measure(on: server, tool: RedisBenchmarkTool(port: try Self.port(of: server)), label: "")
        await server.stop()
        guard tls else { return rows }
        let fixture = try await TLSFixture.make()
        let tlsServer = try await RedisServer.start(tls: RedisTLSSettings(fixture: fixture))
        let tool = RedisBenchmarkTool(port: try Self.port(of: tlsServer), tlsCAFile: fixture.caFile)
        do {
            rows += try await measure(on: tlsServer, tool: tool, label: " over TLS").filter { !$0.name.contains("cooperative pool") }
        } catch {
            await tlsServer.stop()
            fixture.remove()
            throw error
        }
        await tlsServer.stop()
        fixture.remove()
        return rows
    }

    private static func port(of server: RedisServer) throws -> Int {
        guard case .tcp(_, let port) = server.endpoint.address else { throw BenchmarkError("expected a TCP server") }
        return port
    }

    /// The rows for one server, each name followed by `label`.
    private func measure(on server: RedisServer, tool: RedisBenchmarkTool, label: String) async throws -> [Row] {
        let connection = try await RedisConnection.connect(to: server.endpoint)
        let ping = RedisCommand("PING")
        let set = RedisCommand("SET", "key:__rand_int__", "xxx")

        // Warm up both sides before measuring.
        _ = try await rate(on: connection, requests: requests / 10, depth: 1, command: ping)
        _ = try tool.run(tests: "ping", requests: requests / 10)

        var samples: [String: [Double]] = [:]
        for _ in 0..<rounds {
            samples["ping", default: []].append(try await rate(on: connection, requests: requests, depth: 1, command: ping))
            samples["pingPool", default: []].append(try await rateFromPool(on: connection, requests: requests, command: ping))
            samples["set", default: []].append(try await rate(on: connection, requests: requests, depth: 1, command: set))
            samples["set16", default: []].append(try await rate(on: connection, requests: requests * 4, depth: 16, command: set))
            let reference = try tool.run(tests: "ping,set", requests: requests)
            samples["refPing", default: []].append(reference["PING_MBULK"] ?? 0)
            samples["refSet", default: []].append(reference["SET"] ?? 0)
            samples["refSet16", default: []].append(try tool.run(tests: "set", requests: requests * 4, pipeline: 16)["SET"] ?? 0)
        }
        await connection.close()
        func median(_ key: String) -> Double {
            let values = (samples[key] ?? []).sorted()
            return values.isEmpty ? 0 : values[values.count / 2]
        }
        return [
            Row(name: "PING, -c 1 -P 1" + label, ours: median("ping"), reference: median("refPing"), goal: 0.8),
            Row(name: "PING, -c 1 -P 1 (caller on the cooperative pool)" + label, ours: median("pingPool"), reference: median("refPing"), goal: 0.8),
            Row(name: "SET, -c 1 -P 1" + label, ours: median("set"), reference: median("refSet"), goal: 0.8),
            Row(name: "SET, -c 1 -P 16" + label, ours: median("set16"), reference: median("refSet16"), goal: 0.7),
        ]
    }

    /// Commands per second with the loop running on the connection's own thread.
    private func rate(on connection: RedisConnection, requests: Int, depth: Int, command: RedisCommand) async throws -> Double {
        try await withTaskExecutorPreference(connection.executor) {
            let batch = Array(repeating: command, count: depth)
            let start = ContinuousClock.now
            var sent = 0
            while sent < requests {
                if depth == 1 { try await connection.send(command) } else { _ = try await connection.pipeline(batch) }
                sent += depth
            }
            return Double(sent) / (ContinuousClock.now - start).seconds
        }
    }

    /// Commands per second with the loop on Swift's pool: two thread hops per command.
    private func rateFromPool(on connection: RedisConnection, requests: Int, command: RedisCommand) async throws -> Double {
        let start = ContinuousClock.now
        for _ in 0..<requests { try await connection.send(command) }
        return Double(requests) / (ContinuousClock.now - start).seconds
    }

    /// The report as a text table.
    public static func table(_ rows: [Row]) -> String {
        let width = rows.map(\.name.count).max() ?? 10
        func pad(_ text: String, _ count: Int, left: Bool = false) -> String {
            let fill = String(repeating: " ", count: max(0, count - text.count))
            return left ? text + fill : fill + text
        }
        var lines = [pad("test", width, left: true) + pad("locktop/s", 12) + pad("redis-benchmark/s", 19) + pad("ratio", 8) + pad("goal", 7)]
        for row in rows {
            lines.append(pad(row.name, width, left: true) + pad(String(Int(row.ours)), 12) + pad(String(Int(row.reference)), 19)
                + pad(String(format: "%.2fx", row.ratio), 8) + pad(String(format: ">=%.1fx", row.goal), 7))
        }
        return lines.joined(separator: "\n")
    }
}
