import Foundation

/// A Redis Cluster reached through some of its nodes: a connection starts at the first seed
/// that answers and follows the cluster's MOVED and ASK redirections from there.
public struct ClusterAddress: Sendable, Hashable {
    /// Nodes to start from, tried in order.
    public var seeds: [SentinelAddress.Node]

    public init(seeds: [SentinelAddress.Node]) {
        self.seeds = seeds
    }

    /// Parses seeds `host:port[,host:port...]` (port 6379 when left out).
    public init(parsing list: String) throws(RedisURLError) {
        self.init(seeds: try SentinelAddress.Node.list(parsing: list, defaultPort: 6379, option: "cluster"))
    }

    /// `cluster via h:p,h:p`.
    public var description: String {
        "cluster via " + seeds.map { "\($0.host):\($0.port)" }.joined(separator: ",")
    }
}

extension RedisEndpoint {
    /// `true` for an endpoint whose connections follow the cluster's redirections.
    public var isCluster: Bool {
        if case .cluster = address { return true }
        return false
    }

    /// This endpoint as a cluster reached through its own host and port (db 0: a cluster has no other).
    ///
    /// Throws for a unix socket or a sentinel address: cluster nodes are named by host and port.
    public func asCluster() throws(RedisURLError) -> RedisEndpoint {
        switch address {
        case .cluster:
            return self
        case .tcp(let host, let port):
            guard database == 0 else {
                throw RedisURLError(part: "database", message: "a Redis Cluster has only database 0; leave /\(database) (or -n) out")
            }
            return RedisEndpoint(address: .cluster(ClusterAddress(seeds: [.init(host: host, port: port)])),
                                 username: username, password: password, tls: tls)
        case .unix, .sentinel:
            throw RedisURLError(part: "host", message: "a Redis Cluster is reached by host and port (redis://host:port), not \(self)")
        }
    }

    /// The same credentials and TLS options on one node of the cluster (or any other server) at `host:port`.
    public func node(_ host: String, _ port: Int) -> RedisEndpoint {
        RedisEndpoint(address: .tcp(host: host, port: port), database: 0, username: username, password: password, tls: tls)
    }
}
