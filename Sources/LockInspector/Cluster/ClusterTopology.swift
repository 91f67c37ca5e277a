import RedisClient

/// Finds a cluster's masters by asking its nodes `CLUSTER NODES`.
public enum ClusterTopology {
    /// The masters that serve slots, as the first of `seeds` that answers sees them (a master
    /// other nodes judge failing is still listed: it serves its slots until a replica takes over).
    ///
    /// Throws naming every seed when none answers, or when the server is not a cluster node.
    public static func masters(of endpoint: RedisEndpoint, seeds: [SentinelAddress.Node]) async throws(RedisError) -> [ClusterNode] {
        var reasons: [String] = []
        for seed in seeds {
            let connection = RedisConnection(endpoint: endpoint.node(seed.host, seed.port), options: oneAttempt)
            defer { Task { await connection.close() } }
            do {
                let text = try await connection.send("CLUSTER", "NODES").string ?? ""
                let masters = ClusterNodes.parse(text, askedHost: seed.host).filter { $0.isMaster && $0.slotCount > 0 }
                if !masters.isEmpty { return masters.sorted { ($0.slots.first?.lowerBound ?? 0) < ($1.slots.first?.lowerBound ?? 0) } }
                reasons.append("\(seed.host):\(seed.port) knows no master serving slots yet")
            } catch {
                if let message = error.serverMessage, message.contains("cluster support disabled") {
                    throw .server(endpoint: "\(seed.host):\(seed.port)", command: "CLUSTER NODES",
                                  message: "this server is not a Redis Cluster node; leave --cluster out")
                }
                if case .authentication = error { throw error }
                reasons.append("\(seed.host):\(seed.port): \(error)")
            }
        }
        throw .connect(endpoint: endpoint.description, reason: "no cluster node answered CLUSTER NODES (" + reasons.joined(separator: "; ") + ")")
    }

    /// `true` if the server at `endpoint` runs in cluster mode (`INFO cluster`); `false` if it
    /// does not or will not say.
    public static func isClusterNode(_ endpoint: RedisEndpoint) async throws(RedisError) -> Bool {
        guard case .tcp = endpoint.address else { return endpoint.isCluster }
        let connection = RedisConnection(endpoint: endpoint, options: oneAttempt)
        defer { Task { await connection.close() } }
        do {
            return (try await connection.send("INFO", "cluster").string ?? "").contains("cluster_enabled:1")
        } catch {
            if case .server = error { return false }
            throw error
        }
    }

    /// `endpoint` as a cluster endpoint when `forced` or when its server is a cluster node; as it is otherwise.
    public static func resolve(_ endpoint: RedisEndpoint, forced: Bool) async throws -> RedisEndpoint {
        if endpoint.isCluster { return endpoint }
        if forced { return try endpoint.asCluster() }
        return try await isClusterNode(endpoint) ? try endpoint.asCluster() : endpoint
    }

    private static let oneAttempt = RedisConnectionOptions(clientName: "locktop", reconnect: ReconnectPolicy(attemptsPerCommand: 1))
}
