/// Where a Redis server is, how to log in and whether to speak TLS: parsed from a
/// `redis://`, `rediss://` or `unix://` URL.
public struct RedisEndpoint: Sendable, Hashable {
    /// The transport to reach the server.
    public enum Address: Sendable, Hashable {
        case tcp(host: String, port: Int)
        case unix(path: String)
        /// Whichever server the sentinels name master now (looked up at every connect).
        case sentinel(SentinelAddress)
        /// A Redis Cluster: connections start at a seed and follow MOVED and ASK.
        case cluster(ClusterAddress)
    }

    public var address: Address
    /// Database index selected after connecting.
    public var database: Int
    /// ACL user name; `nil` authenticates as the default user.
    public var username: String?
    /// Never printed: `description` leaves it out.
    public var password: String?
    /// TLS for every connection made to this endpoint (sentinels, masters, cluster nodes); `nil` is plain TCP.
    public var tls: TLSOptions?

    public init(address: Address, database: Int = 0, username: String? = nil, password: String? = nil, tls: TLSOptions? = nil) {
        self.address = address
        self.database = database
        self.username = username
        self.password = password
        self.tls = tls
    }

    /// A TCP endpoint.
    public static func tcp(_ host: String = "127.0.0.1", port: Int = 6379, database: Int = 0) -> RedisEndpoint {
        RedisEndpoint(address: .tcp(host: host, port: port), database: database)
    }

    /// A unix-socket endpoint.
    public static func unix(_ path: String, database: Int = 0) -> RedisEndpoint {
        RedisEndpoint(address: .unix(path: path), database: database)
    }
}

extension RedisEndpoint: CustomStringConvertible {
    /// `host:port` or the socket path, with user and db when set; never the password.
    public var description: String {
        var text: String
        switch address {
        case .tcp(let host, let port):
            text = host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)"
        case .unix(let path):
            text = "unix:\(path)"
        case .sentinel(let sentinel):
            text = sentinel.description
        case .cluster(let cluster):
            text = cluster.description
        }
        if let username { text = "\(username)@" + text }
        if database != 0 { text += " db \(database)" }
        return text
    }
}
