import LockKit
import RedisClient

/// Runs contention simulations: N LockKit clients, each with its own connection(s) and
/// thread, contend for one key with a chosen pattern while the simulator measures
/// throughput, waits, fairness, Redis commands and mutual exclusion.
///
/// ```swift
/// let simulator = Simulator(endpoint: endpoint)
/// let parameters = SimulationParameters(pattern: .notified, clients: 16, limit: .duration(.seconds(5)))
/// let report = try await simulator.run(parameters) { live in print(live.liveLine) }
/// ```
///
/// By default the clients use shadow keys under `locktop:sim:`, so a real workload is never
/// blocked. However the run ends (its limit, a failure, or cancellation of the calling task)
/// every client is stopped and the keys the simulation wrote are deleted before `run` returns.
/// Cancellation reaches each client at its next suspension: a backoff pause, a release wait,
/// the critical section, or at worst the end of one Redis round trip.
public struct Simulator: Sendable {
    /// The server the clients contend on (and the first Redlock server).
    public let endpoint: RedisEndpoint
    /// The servers a Redlock simulation locks; empty means `endpoint` alone.
    public let redlockEndpoints: [RedisEndpoint]
    /// Refuse to run: a simulation writes locks.
    public let readOnly: Bool
    /// Options of every connection the simulation opens (client name `locktop-sim`).
    public var connectionOptions: RedisConnectionOptions

    public init(endpoint: RedisEndpoint, redlockEndpoints: [RedisEndpoint] = [], readOnly: Bool = false) {
        self.endpoint = endpoint
        self.redlockEndpoints = redlockEndpoints
        self.readOnly = readOnly
        // A critical section of seconds must not look like a dead server.
        connectionOptions = RedisConnectionOptions(commandTimeout: .seconds(10), clientName: "locktop-sim")
    }

    /// The servers a run of `pattern` uses; the first also holds the exclusion check.
    public func servers(for pattern: SimulationPattern) -> [RedisEndpoint] {
        pattern == .redlock && !redlockEndpoints.isEmpty ? redlockEndpoints : [endpoint]
    }

    /// Runs one simulation to its limit and returns the final report; `live` gets a report
    /// every `parameters.reportInterval` meanwhile (on the reporter's task).
    ///
    /// Throws `.cancelled(report:)` when the calling task is cancelled, after cleaning up.
    public func run(_ parameters: SimulationParameters,
                    live: @escaping @Sendable (SimulationReport) -> Void = { _ in }) async throws(SimulationError) -> SimulationReport {
        guard !readOnly else { throw .refusedReadOnly }
        try parameters.validate()
        let run = try await SimulationRun.prepare(parameters, servers: servers(for: parameters.pattern), options: connectionOptions)
        return try await run.execute(live: live)
    }

    /// The same run as a stream: a live report every interval, then the final one
    /// (`isFinal`), then the end. Stopping the iteration (or cancelling its task) cancels
    /// the run, which still cleans up. The dashboard's Esc is that cancellation.
    public func reports(_ parameters: SimulationParameters) -> AsyncThrowingStream<SimulationReport, any Error> {
        let (stream, continuation) = AsyncThrowingStream.makeStream(of: SimulationReport.self, throwing: (any Error).self,
                                                                    bufferingPolicy: .bufferingNewest(16))
        let task = Task {
            do {
                let final = try await run(parameters) { continuation.yield($0) }
                continuation.yield(final)
                continuation.finish()
            } catch {
                continuation.finish(throwing: error)
            }
        }
        continuation.onTermination = { _ in task.cancel() }
        return stream
    }

    /// Runs `patterns` one after another with the same parameters (the guide's comparison
    /// table, measured); `progress` gets each final report as it is ready.
    public func compare(_ parameters: SimulationParameters, patterns: [SimulationPattern] = SimulationPattern.allCases,
                        live: @escaping @Sendable (SimulationReport) -> Void = { _ in },
                        progress: (SimulationReport) -> Void = { _ in }) async throws(SimulationError) -> [SimulationReport] {
        var reports: [SimulationReport] = []
        for pattern in patterns {
            var each = parameters
            each.pattern = pattern
            let report = try await run(each, live: live)
            progress(report)
            reports.append(report)
        }
        return reports
    }
}
