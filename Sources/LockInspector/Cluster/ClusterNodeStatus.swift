import RedisClient

/// How one master of a cluster fared in the last look at it.
public struct ClusterNodeStatus: Sendable, Hashable {
    /// `host:port`.
    public var address: String
    /// Slots it serves, from `CLUSTER NODES`.
    public var slotCount: Int
    /// Why it could not be read; `nil` when it answered.
    public var problem: String?
    /// Keys its last scan visited.
    public var scannedKeys: Int
    /// Classified keys found on it.
    public var foundKeys: Int

    public init(address: String, slotCount: Int, problem: String? = nil, scannedKeys: Int = 0, foundKeys: Int = 0) {
        self.address = address
        self.slotCount = slotCount
        self.problem = problem
        self.scannedKeys = scannedKeys
        self.foundKeys = foundKeys
    }

    public var isReachable: Bool { problem == nil }
}

extension Array where Element == ClusterNodeStatus {
    /// `3 nodes`, or `2/3 nodes up, down: 127.0.0.1:7002`.
    public var summary: String {
        let down = filter { !$0.isReachable }
        guard !down.isEmpty else { return "\(count) nodes" }
        return "\(count - down.count)/\(count) nodes up, down: " + down.map(\.address).joined(separator: ", ")
    }
}
