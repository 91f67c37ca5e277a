import Foundation
import RedisClient

/// A private Redis Cluster of `masters` servers on loopback, no replicas: for the cluster
/// tests and benchmark. Slots are split evenly in node order; the nodes are joined with
/// CLUSTER ADDSLOTS and CLUSTER MEET (what `redis-cli --cluster create` sends, without its
/// fixed waits). A node that is killed or stopped leaves the others serving their slots
/// (`cluster-require-full-coverage no`).
public final class RedisCluster: Sendable {
    /// The nodes, in slot order: node 0 serves the first third of the slots of three, and so on.
    public let nodes: [RedisServer]

    private init(nodes: [RedisServer]) {
        self.nodes = nodes
    }

    /// The cluster as a client reaches it: through its first node.
    public var endpoint: RedisEndpoint {
        get throws(RedisURLError) { try nodes[0].endpoint.asCluster() }
    }

    /// `redis://host:port` of the first node, for `--url` (with `--cluster`).
    public var url: String { nodes[0].url }

    /// Starts the servers and returns once every node says the cluster is ok and knows every master.
    /// With `tls`, every node speaks only TLS, the cluster bus too (`--tls-cluster yes`).
    public static func start(masters: Int = 3, nodeTimeout: Duration = .seconds(2), tls: RedisTLSSettings? = nil,
                             arguments: [String] = []) async throws(RedisServerError) -> RedisCluster {
        guard masters >= 1 else { throw .launch("a cluster needs at least one master") }
        let milliseconds = Int(nodeTimeout.components.seconds) * 1000 + Int(nodeTimeout.components.attoseconds / 1_000_000_000_000_000)
        let clusterArguments = ["--cluster-enabled", "yes", "--cluster-config-file", "nodes.conf",
                                "--cluster-node-timeout", String(milliseconds), "--cluster-require-full-coverage", "no"]
        let nodes = try await RedisServer.startMany(masters, tls: tls, arguments: clusterArguments + arguments)
        let cluster = RedisCluster(nodes: nodes)
        do {
            try await cluster.join()
        } catch {
            for node in nodes { await node.stop() }
            throw .launch("the cluster did not form: \(error)")
        }
        return cluster
    }

    /// Stops every node.
    public func stop() async {
        for node in nodes { await node.stop() }
    }

    /// The slots node `index` serves.
    public func slots(ofNode index: Int) -> ClosedRange<Int> {
        let share = HashSlot.count / nodes.count
        let first = index * share
        return first...(index == nodes.count - 1 ? HashSlot.count - 1 : first + share - 1)
    }

    /// The index of the node serving `key`.
    public func nodeIndex(serving key: String) -> Int {
        let slot = HashSlot.of(key)
        return nodes.indices.first { slots(ofNode: $0).contains(slot) } ?? 0
    }

    /// The first of `name(0)`, `name(1)`, ... that lives on node `index` (a key per master, for tests).
    public func key(onNode index: Int, _ name: (Int) -> String) -> String {
        (0..<100_000).lazy.map(name).first { nodeIndex(serving: $0) == index } ?? name(0)
    }

    private func join() async throws {
        var connections: [RedisConnection] = []
        for node in nodes { connections.append(try await RedisConnection.connect(to: node.endpoint)) }
        defer { for connection in connections { Task { await connection.close() } } }
        for (index, connection) in connections.enumerated() {
            try await connection.send(RedisCommand("CLUSTER", arguments: ["ADDSLOTS"] + slots(ofNode: index).map { $0 as any RedisArgument }))
            // Distinct epochs, as redis-cli sets them, so no collision has to be resolved first.
            try await connection.send("CLUSTER", "SET-CONFIG-EPOCH", index + 1)
        }
        for node in nodes.dropFirst() {
            guard case .tcp(let host, let port) = node.endpoint.address else { continue }
            try await connections[0].send("CLUSTER", "MEET", host, port)
        }
        let deadline = ContinuousClock.now + .seconds(30)
        while ContinuousClock.now < deadline {
            if try await isFormed(connections) { return }
            try await Task.sleep(for: .milliseconds(50))
        }
        throw RedisServerError.launch("the nodes did not agree on the cluster within 30 s")
    }

    /// Every node reports `cluster_state:ok` and sees every master with its slots.
    private func isFormed(_ connections: [RedisConnection]) async throws -> Bool {
        for connection in connections {
            let info = try await connection.send("CLUSTER", "INFO").string ?? ""
            guard info.contains("cluster_state:ok") else { return false }
            let known = ClusterNodes.parse(try await connection.send("CLUSTER", "NODES").string ?? "", askedHost: "127.0.0.1")
            guard known.filter({ $0.isMaster && $0.slotCount > 0 }).count == nodes.count else { return false }
        }
        return true
    }
}
