import ArgumentParser
import Foundation
import LockInspector
import RedisClient

struct ListCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "Print the locks in a Redis once and exit (for scripts and alerts).",
        discussion: """
            Exit status: 0 when the scan worked, 1 when Redis (or a master of a cluster) could not \
            be read, 3 with --fail-on-anomalies when an anomaly (lock without TTL, stuck saga, ...) was found. \
            A Redis Cluster (--cluster, or detected) is scanned on every master at once.
            """
    )

    @OptionGroup var connection: ConnectionArguments

    @Flag(help: "Print stable JSON (see the README) instead of a table.")
    var json = false

    @Flag(help: "Exit with status 3 when anomalies are found.")
    var failOnAnomalies = false

    @Option(help: "SCAN COUNT of the first call.")
    var scanCount = 500

    @Option(help: "SCAN COUNT is scaled so that each call answers within 0.8 ms (SLOWLOG's threshold is 2 ms), up to this.")
    var maxScanCount = 5000

    func run() async throws {
        let profile = try connection.server.loadProfile()
        let patterns = connection.patterns(profile: profile)
        let endpoints = try connection.server.endpoints(profile: profile)
        guard endpoints.count == 1 else { return try await listRedlock(endpoints, patterns: patterns) }
        let endpoint = try await connection.server.detectingCluster(profile: profile)
        let options = ScanOptions(patterns: patterns, count: scanCount, maximumCount: maxScanCount)
        let snapshot: Snapshot
        var nodes: [ClusterNodeStatus]?
        var server: ServerCapabilities?
        do {
            if endpoint.isCluster {
                let scan = try await ClusterScanner(endpoint: endpoint, options: options).scan()
                snapshot = scan.snapshot
                nodes = scan.nodes
            } else {
                let redis = try await RedisConnection.connect(to: endpoint)
                snapshot = try await KeyspaceScanner(connection: redis, options: options).scan()
                server = try await redis.capabilities()
                await redis.close()
            }
        } catch {
            FileHandle.standardError.write(Data("locktop: \(error)\n".utf8))
            throw ExitCode(1)
        }
        let now = Date()
        let anomalies = AnomalyRules.evaluate(snapshot, now: now)
        if json {
            // Bytes straight to stdout: a report of 10,000 locks is megabytes, not worth a String.
            var bytes = try SnapshotReport(snapshot, endpoint: endpoint.description, anomalies: anomalies, nodes: nodes, server: server).jsonBytes()
            bytes.append(UInt8(ascii: "\n"))
            FileHandle.standardOutput.write(Data(bytes))
        } else {
            print(SnapshotTable.render(snapshot, anomalies: anomalies, now: now, server: server))
            if let nodes { print(ClusterNodeTable.render(nodes)) }
        }
        let unreachable = nodes?.filter { !$0.isReachable } ?? []
        for node in unreachable {
            FileHandle.standardError.write(Data("locktop: cluster master \(node.address) could not be read: \(node.problem ?? "")\n".utf8))
        }
        if !unreachable.isEmpty { throw ExitCode(1) }
        if failOnAnomalies && !anomalies.isEmpty { throw ExitCode(3) }
    }

    /// Several --url: each server scanned at once, one row per lock key with a column per server.
    private func listRedlock(_ endpoints: [RedisEndpoint], patterns: [String]) async throws {
        let options = ScanOptions(patterns: patterns, count: scanCount, maximumCount: maxScanCount)
        let snapshots = await withTaskGroup(of: (Int, Snapshot?).self) { group in
            for (index, endpoint) in endpoints.enumerated() {
                group.addTask {
                    do {
                        let redis = try await RedisConnection.connect(to: endpoint)
                        defer { Task { await redis.close() } }
                        return (index, try await KeyspaceScanner(connection: redis, options: options).scan())
                    } catch {
                        FileHandle.standardError.write(Data("locktop: server \(index + 1) (\(endpoint)): \(error)\n".utf8))
                        return (index, nil)
                    }
                }
            }
            var snapshots = [Snapshot?](repeating: nil, count: endpoints.count)
            for await (index, snapshot) in group { snapshots[index] = snapshot }
            return snapshots
        }
        let report = RedlockReport(servers: endpoints.map(\.description), snapshots: snapshots)
        print(json ? try report.json() : report.table())
        if snapshots.allSatisfy({ $0 == nil }) { throw ExitCode(1) }
        if failOnAnomalies && !report.anomalies.isEmpty { throw ExitCode(3) }
    }
}
