import Foundation

/// A master found through Redis Sentinel: the sentinels to ask and the name they monitor it by.
public struct SentinelAddress: Sendable, Hashable {
    /// One sentinel process (or cluster node).
    public struct Node: Sendable, Hashable {
        public var host: String
        public var port: Int

        public init(host: String, port: Int) {
            self.host = host
            self.port = port
        }

        /// Parses `host:port[,host:port...]`, `defaultPort` where a port is left out; errors name `option`.
        public static func list(parsing list: String, defaultPort: Int, option: String) throws(RedisURLError) -> [Node] {
            var nodes: [Node] = []
            for item in list.split(separator: ",", omittingEmptySubsequences: true) {
                let text = item.trimmingCharacters(in: .whitespaces)
                let host: String
                let port: Int
                if let colon = text.lastIndex(of: ":"), !text.hasSuffix("]") || text.hasPrefix("[") {
                    host = String(text[..<colon]).trimmingCharacters(in: CharacterSet(charactersIn: "[]"))
                    guard let number = Int(text[text.index(after: colon)...]), (1...65535).contains(number) else {
                        throw RedisURLError(part: "port", message: "'\(text)' in \(option) needs a port between 1 and 65535")
                    }
                    port = number
                } else {
                    host = text
                    port = defaultPort
                }
                guard !host.isEmpty else { throw RedisURLError(part: "host", message: "'\(text)' in \(option) has no host") }
                nodes.append(Node(host: host, port: port))
            }
            guard !nodes.isEmpty else { throw RedisURLError(part: "host", message: "\(option) needs at least one host:port") }
            return nodes
        }
    }

    /// Asked in order until one names the master.
    public var nodes: [Node]
    /// The master's name in the sentinels' configuration (`sentinel monitor NAME ...`).
    public var master: String

    public init(nodes: [Node], master: String) {
        self.nodes = nodes
        self.master = master
    }

    /// Parses `host:port[,host:port...]` (port 26379 when left out) for the master `master`.
    public init(parsing list: String, master: String) throws(RedisURLError) {
        guard !master.isEmpty else { throw RedisURLError(part: "master", message: "--master needs the name the sentinels monitor the master by") }
        self.init(nodes: try Node.list(parsing: list, defaultPort: 26379, option: "--sentinel"), master: master)
    }

    /// `sentinel NAME via h:p,h:p`.
    public var description: String {
        "sentinel \(master) via " + nodes.map { "\($0.host):\($0.port)" }.joined(separator: ",")
    }
}

extension RedisEndpoint {
    /// The master the sentinels at `nodes` know as `master`; resolved again at every (re)connect.
    public static func sentinel(_ nodes: [SentinelAddress.Node], master: String, database: Int = 0) -> RedisEndpoint {
        RedisEndpoint(address: .sentinel(SentinelAddress(nodes: nodes, master: master)), database: database)
    }

    /// Whether the server behind this endpoint can change (a failover under Sentinel).
    public var followsFailover: Bool {
        if case .sentinel = address { return true }
        return false
    }
}
