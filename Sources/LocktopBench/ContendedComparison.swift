import LockInspector
import RedisClient
import RedisServerKit

/// Every contended pattern (fresh servers each, run by the LockInspector `Simulator`) and
/// the Python peers, in one table.
public struct ContendedComparison: Sendable {
    public let clients: Int
    public let holdMilliseconds: Int
    public let seconds: Int
    public let python: String?
    public let peersScript: String
    public let only: String?

    public init(clients: Int, holdMilliseconds: Int, seconds: Int, python: String?, peersScript: String, only: String?) {
        self.clients = clients
        self.holdMilliseconds = holdMilliseconds
        self.seconds = seconds
        self.python = python
        self.peersScript = peersScript
        self.only = only
    }

    /// Runs everything; `progress` gets a line as each pattern finishes.
    public func run(progress: (String) -> Void) async throws -> String {
        var results: [ContentionResult] = []
        for pattern in SimulationPattern.allCases {
            let duration = Duration.seconds(seconds)
            // Every client at the same priority: the queue is then FIFO, which is what fairness measures.
            let parameters = SimulationParameters(pattern: pattern, clients: clients, hold: .milliseconds(holdMilliseconds),
                                                  acquireTimeout: duration, limit: .duration(duration),
                                                  resource: "bench:contended", priorities: .uniform(5))
            let serverCount = pattern == .redlock ? 3 : 1
            let name = parameters.patternName(servers: serverCount)
            guard only.map({ name.contains($0) }) ?? true else { continue }
            // Fresh servers, so the command counts are this pattern's only.
            let servers = try await RedisServer.startMany(serverCount)
            let simulator = Simulator(endpoint: servers[0].endpoint, redlockEndpoints: servers.map(\.endpoint))
            let report: SimulationReport
            do {
                report = try await simulator.run(parameters)
            } catch {
                for server in servers { await server.stop() }
                throw error
            }
            for server in servers { await server.stop() }
            let result = ContentionResult(report)
            results.append(result)
            progress("done: \(result.name), \(Int(result.acquisitionsPerSecond)) acq/s")
        }
        if let python {
            for library in ["python-redis-lock", "redis-py Lock"] where only.map({ library.contains($0) }) ?? true {
                results.append(try await peer(library, python: python))
                progress("done: \(library)")
            }
        }
        return "contended: \(clients) clients, \(holdMilliseconds) ms critical section, \(seconds) s per pattern\n"
            + ContentionResult.table(results)
    }

    private func peer(_ library: String, python: String) async throws -> ContentionResult {
        let server = try await RedisServer.start()
        defer { Task { await server.stop() } }
        guard case .tcp(_, let port) = server.endpoint.address else { throw BenchmarkError("expected a TCP server") }
        let admin = try await RedisConnection.connect(to: server.endpoint)
        let before = try await ServerCounters.read(admin)
        let outcome = try PythonPeers(python: python, script: peersScript).contended(
            port: port, library: library, clients: clients, holdMilliseconds: Double(holdMilliseconds), seconds: Double(seconds))
        let calls = try await ServerCounters.read(admin).since(before).commands - ServerCounters.commandsPerRead
        return ContentionResult(
            name: library, acquisitions: outcome.acquisitions, seconds: outcome.seconds,
            p50Milliseconds: outcome.p50_ms, p99Milliseconds: outcome.p99_ms, maxMilliseconds: outcome.max_ms,
            perClient: outcome.per_client,
            commandsPerAcquisition: outcome.acquisitions > 0 ? Double(calls) / Double(outcome.acquisitions) : nil,
            holdMilliseconds: Double(holdMilliseconds), heldSeconds: outcome.held_seconds)
    }
}
