/// One node of a Redis Cluster as `CLUSTER NODES` describes it.
public struct ClusterNode: Sendable, Hashable {
    public var id: String
    public var host: String
    public var port: Int
    public var isMaster: Bool
    /// Other nodes judge it failing (`fail?`) or failed (`fail`).
    public var isFailing: Bool
    /// Slot ranges it serves (masters only).
    public var slots: [ClosedRange<Int>]

    public init(id: String, host: String, port: Int, isMaster: Bool, isFailing: Bool, slots: [ClosedRange<Int>]) {
        self.id = id
        self.host = host
        self.port = port
        self.isMaster = isMaster
        self.isFailing = isFailing
        self.slots = slots
    }

    /// `host:port`.
    public var address: String { host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)" }

    /// `true` when `a` and `b` name the same masters at the same addresses serving the same slots
    /// (whatever their failure flags say).
    public static func sameLayout(_ a: [ClusterNode], _ b: [ClusterNode]) -> Bool {
        a.count == b.count && zip(a, b).allSatisfy { $0.id == $1.id && $0.address == $1.address && $0.slots == $1.slots }
    }

    /// How many slots it serves.
    public var slotCount: Int { slots.reduce(0) { $0 + $1.count } }
}

/// Reads `CLUSTER NODES`: every node, master or replica, with its flags and slots.
public enum ClusterNodes {
    /// The nodes in `text`; a node without a usable address (`noaddr`, port 0) or still in
    /// `handshake` is left out. A node that does not know its own IP (`:7000`) gets `askedHost`,
    /// the host the question went to.
    public static func parse(_ text: String, askedHost: String) -> [ClusterNode] {
        text.split(whereSeparator: \.isNewline).compactMap { parseLine($0, askedHost: askedHost) }
    }

    static func parseLine(_ line: Substring, askedHost: String) -> ClusterNode? {
        let fields = line.split(separator: " ")
        guard fields.count >= 8 else { return nil }
        let flags = fields[2].split(separator: ",")
        guard !flags.contains("noaddr"), !flags.contains("handshake") else { return nil }
        // ip:port@cport[,hostname]; Redis 3 has no @cport.
        let address = fields[1].split(separator: ",").first.map { $0.split(separator: "@").first ?? $0 } ?? ""
        guard let colon = address.lastIndex(of: ":"), let port = Int(address[address.index(after: colon)...]), port > 0 else { return nil }
        var host = String(address[..<colon])
        if host.hasPrefix("[") && host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        if host.isEmpty { host = askedHost }
        var slots: [ClosedRange<Int>] = []
        for field in fields.dropFirst(8) where !field.hasPrefix("[") {
            let bounds = field.split(separator: "-").compactMap { Int($0) }
            if bounds.count == 2, bounds[0] <= bounds[1] {
                slots.append(bounds[0]...bounds[1])
            } else if bounds.count == 1 {
                slots.append(bounds[0]...bounds[0])
            }
        }
        return ClusterNode(id: String(fields[0]), host: host, port: port, isMaster: flags.contains("master"),
                           isFailing: flags.contains("fail") || flags.contains("fail?"), slots: slots)
    }
}
