import Foundation
import RedisClient
import Synchronization

/// What one look at every master of a cluster found.
public struct ClusterScan: Sendable {
    /// Every reachable master's keys in one snapshot.
    public var snapshot: Snapshot
    /// Each master in slot order, with what it answered.
    public var nodes: [ClusterNodeStatus]
}

/// Scans every master of a Redis Cluster at once, each with its own `KeyspaceScanner` and
/// connections; a master that cannot be read is reported, and the others are still listed.
public struct ClusterScanner: Sendable {
    /// The cluster (a `.cluster` endpoint; its credentials are used on every node).
    public let endpoint: RedisEndpoint
    public let options: ScanOptions
    public let recognition: Recognition

    public init(endpoint: RedisEndpoint, options: ScanOptions = ScanOptions(), recognition: Recognition = .standard) {
        self.endpoint = endpoint
        self.options = options
        self.recognition = recognition
    }

    /// The seeds of the endpoint.
    public var seeds: [SentinelAddress.Node] {
        if case .cluster(let cluster) = endpoint.address { return cluster.seeds }
        if case .tcp(let host, let port) = endpoint.address { return [.init(host: host, port: port)] }
        return []
    }

    /// Finds the masters (asking `seeds`, by default the endpoint's) and scans them all at once.
    /// Throws only when no master could be found or none could be read.
    public func scan(seeds: [SentinelAddress.Node]? = nil, progress: @escaping @Sendable (ScanProgress) -> Void = { _ in }) async throws(RedisError) -> ClusterScan {
        let masters = try await ClusterTopology.masters(of: endpoint, seeds: seeds ?? self.seeds)
        return try await scan(masters: masters, progress: progress)
    }

    /// Scans `masters` at once; the progress reported is the sum over them.
    public func scan(masters: [ClusterNode], progress: @escaping @Sendable (ScanProgress) -> Void = { _ in }) async throws(RedisError) -> ClusterScan {
        let tallies = ProgressSum(parts: masters.count)
        let results = await withTaskGroup(of: (Int, Result<Snapshot, RedisError>).self) { group in
            for (index, master) in masters.enumerated() {
                group.addTask { [endpoint, options, recognition] in
                    let connection = RedisConnection(endpoint: endpoint.node(master.host, master.port),
                                                     options: RedisConnectionOptions(reconnect: ReconnectPolicy(attemptsPerCommand: 1)))
                    defer { Task { await connection.close() } }
                    let scanner = KeyspaceScanner(connection: connection, options: options, recognition: recognition)
                    do throws(RedisError) {
                        let snapshot = try await scanner.scan { nodeProgress in
                            progress(tallies.adding(nodeProgress, at: index))
                        }
                        return (index, .success(snapshot))
                    } catch {
                        return (index, .failure(error))
                    }
                }
            }
            var results = [Result<Snapshot, RedisError>?](repeating: nil, count: masters.count)
            for await (index, result) in group { results[index] = result }
            return results
        }
        var parts: [Snapshot] = []
        var nodes: [ClusterNodeStatus] = []
        var lastError: RedisError?
        for (master, result) in zip(masters, results) {
            var status = ClusterNodeStatus(address: master.address, slotCount: master.slotCount)
            switch result {
            case .success(let snapshot):
                parts.append(snapshot)
                status.scannedKeys = snapshot.scannedKeys
                status.foundKeys = snapshot.count
            case .failure(let error):
                lastError = error
                status.problem = error.description
            case nil:
                status.problem = "not scanned"
            }
            nodes.append(status)
        }
        if parts.isEmpty, let lastError { throw lastError }
        return ClusterScan(snapshot: Snapshot.merging(parts), nodes: nodes)
    }
}

/// The progress of several scans at once, summed.
private final class ProgressSum: Sendable {
    private let parts: Mutex<[ScanProgress?]>

    init(parts count: Int) { parts = Mutex([ScanProgress?](repeating: nil, count: count)) }

    /// Records part `index`'s progress and returns the sum over every part.
    func adding(_ progress: ScanProgress, at index: Int) -> ScanProgress {
        parts.withLock { parts in
            parts[index] = progress
            return ScanProgress.sum(parts)
        }
    }
}
