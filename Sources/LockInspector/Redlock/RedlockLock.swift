/// One lock key across N independent Redlock servers: who holds it where, and whether that
/// adds up to a quorum (N/2 + 1 servers with the same token).
public struct RedlockLock: Sendable, Hashable {
    public var key: [UInt8]
    public var resource: String
    /// Per server, in the order the servers were given: the lock there, or nil (no such key, or
    /// the server could not be read; see `readable`).
    public var perServer: [LockEntity?]
    /// Per server: whether it was read at all.
    public var readable: [Bool]

    public init(key: [UInt8], resource: String, perServer: [LockEntity?], readable: [Bool]) {
        self.key = key
        self.resource = resource
        self.perServer = perServer
        self.readable = readable
    }

    /// Servers needed for a quorum: N/2 + 1.
    public var quorum: Int { perServer.count / 2 + 1 }

    /// How many servers hold each token, most first (ties by token bytes, so the order is stable).
    public var holders: [(token: [UInt8], servers: Int)] {
        var counts: [[UInt8]: Int] = [:]
        for lock in perServer.compactMap({ $0 }) { counts[lock.rawToken ?? [], default: 0] += 1 }
        return counts.map { (token: $0.key, servers: $0.value) }
            .sorted { $0.servers != $1.servers ? $0.servers > $1.servers : $0.token.lexicographicallyPrecedes($1.token) }
    }

    /// What the servers say together.
    public var state: RedlockState {
        let holders = self.holders
        guard let first = holders.first else { return .free }
        if first.servers >= quorum { return .quorum(token: first.token) }
        if holders.count > 1 { return .split(holders.map(\.servers)) }
        return .minority(token: first.token, servers: first.servers)
    }
}

/// Whether a Redlock key is held, as a whole.
public enum RedlockState: Sendable, Hashable {
    /// No server holds it.
    case free
    /// A quorum of servers holds one token: that owner holds the lock.
    case quorum(token: [UInt8])
    /// One token on fewer servers than a quorum: nobody holds the lock (a failed or expiring acquisition).
    case minority(token: [UInt8], servers: Int)
    /// Several tokens, none with a quorum: clients are racing, or a failed acquisition was not cleaned up.
    case split([Int])
}
