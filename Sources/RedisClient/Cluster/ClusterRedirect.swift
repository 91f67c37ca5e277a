/// A cluster node's answer that a key lives elsewhere: `MOVED <slot> <host>:<port>` (for good)
/// or `ASK <slot> <host>:<port>` (for this command only, while the slot migrates).
/// The command was not run, so sending it to the named node is safe.
public struct ClusterRedirect: Sendable, Hashable {
    public enum Kind: Sendable, Hashable { case moved, ask }

    public var kind: Kind
    public var slot: Int
    public var host: String
    public var port: Int

    public init(kind: Kind, slot: Int, host: String, port: Int) {
        self.kind = kind
        self.slot = slot
        self.host = host
        self.port = port
    }

    /// Parses an error reply; `nil` when it is not a redirection.
    public init?(errorReply message: String) {
        let parts = message.split(separator: " ")
        guard parts.count == 3, let slot = Int(parts[1]), (0..<HashSlot.count).contains(slot) else { return nil }
        switch parts[0] {
        case "MOVED": kind = .moved
        case "ASK": kind = .ask
        default: return nil
        }
        let address = parts[2]
        guard let colon = address.lastIndex(of: ":"), let port = Int(address[address.index(after: colon)...]),
              (1...65535).contains(port) else { return nil }
        var host = String(address[..<colon])
        if host.hasPrefix("[") && host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        self.slot = slot
        self.host = host
        self.port = port
    }
}

extension RESPValue {
    /// The redirection this error reply carries, if it is one.
    public var clusterRedirect: ClusterRedirect? {
        guard case .error(let message) = self else { return nil }
        return ClusterRedirect(errorReply: message)
    }
}
