import Foundation
import LockInspector
import RedisClient

/// What the exporter last read from Redis: the metrics are rendered from this at each scrape.
public struct ExporterReading: Sendable {
    /// The last complete snapshot; kept (and aging) while Redis is unreachable.
    public var snapshot: Snapshot
    /// Whether the last scan succeeded.
    public var reachable: Bool
    /// How long the last successful scan took.
    public var scanDuration: Duration?
    /// Why the last scan failed, for the log.
    public var failure: String?
    /// A cluster's masters as the last scan found them; `nil` for one server.
    public var nodes: [ClusterNodeStatus]?
    /// The server's flavor and version (`INFO server`); `nil` when this user may not ask.
    public var server: ServerInfo?

    public init(snapshot: Snapshot = .empty, reachable: Bool = false, scanDuration: Duration? = nil, failure: String? = nil,
                nodes: [ClusterNodeStatus]? = nil, server: ServerInfo? = nil) {
        self.nodes = nodes
        self.server = server
        self.snapshot = snapshot
        self.reachable = reachable
        self.scanDuration = scanDuration
        self.failure = failure
    }
}
