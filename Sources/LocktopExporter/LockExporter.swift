import Foundation
import LockInspector
import NIOPosix
import RedisClient
import Synchronization

/// `locktop exporter`: scans Redis every `interval` and serves the latest reading as
/// Prometheus metrics. Scans never overlap and never run per scrape, so a burst of scrapes
/// costs Redis nothing.
public final class LockExporter: Sendable {
    public let endpoint: RedisEndpoint
    public let scanOptions: ScanOptions
    public let interval: Duration
    /// Per-key series for at most this many keys; nil for none (the default: labels stay bounded).
    public let perKey: Int?
    private let reading = Mutex(ExporterReading())

    public init(endpoint: RedisEndpoint, scanOptions: ScanOptions = ScanOptions(), interval: Duration = .seconds(15), perKey: Int? = nil) {
        self.endpoint = endpoint
        self.scanOptions = scanOptions
        self.interval = interval
        self.perKey = perKey
    }

    /// The metrics as a scrape would get them now.
    public func metrics(now: Date = Date()) -> String {
        LockMetrics.text(reading.withLock { $0 }, now: now, perKey: perKey)
    }

    /// Scans once and keeps the result (or marks Redis unreachable, keeping the last snapshot).
    /// On a cluster endpoint every master is scanned (each on connections of its own).
    public func scanOnce(on connection: RedisConnection) async {
        let clock = ContinuousClock()
        let started = clock.now
        do throws(RedisError) {
            var nodes: [ClusterNodeStatus]?
            let snapshot: Snapshot
            if connection.endpoint.isCluster {
                let scan = try await ClusterScanner(endpoint: connection.endpoint, options: scanOptions).scan()
                snapshot = scan.snapshot
                nodes = scan.nodes
            } else {
                snapshot = try await KeyspaceScanner(connection: connection, options: scanOptions).scan()
            }
            let duration = clock.now - started
            // INFO only, asked once per connection: the exporter never runs a script, not even a probe.
            let server = try await connection.serverInfo()
            reading.withLock { $0 = ExporterReading(snapshot: snapshot, reachable: true, scanDuration: duration, nodes: nodes, server: server) }
        } catch {
            reading.withLock {
                $0.reachable = false
                $0.failure = "\(error)"
            }
        }
    }

    /// Serves on `host`:`port` and scans every `interval` until the task is cancelled;
    /// `onListening` gets the port once the server listens.
    public func run(host: String, port: Int, onListening: @Sendable (Int) -> Void = { _ in }) async throws {
        let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        let server = try await MetricsServer.start(host: host, port: port, group: group) { [self] in metrics() }
        onListening(server.port)
        let connection = RedisConnection(endpoint: endpoint, options: RedisConnectionOptions(clientName: "locktop-exporter"))
        while !Task.isCancelled {
            await scanOnce(on: connection)
            try? await Task.sleep(for: interval)
        }
        await connection.close()
        await server.stop()
        try await group.shutdownGracefully()
    }
}
