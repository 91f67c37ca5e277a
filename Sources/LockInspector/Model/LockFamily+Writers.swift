extension LockFamily {
    /// For a token-shape family, the libraries known to write that shape under a name of the
    /// user's choosing (checked against their current releases; the Python ones in tests);
    /// empty for a library's own family.
    public var writers: [String] {
        switch self {
        case .tokenHex32:
            ["redis-py Lock (uuid4().hex since 8.2, uuid1().hex before)", "valkey-py Lock (uuid1().hex)",
             "node-redlock (16 random bytes)", "redlock on PyPI (uuid4().hex)"]
        case .tokenUUID:
            ["sherlock (str(uuid4()))", "redis-distributed-lock (str(uuid1()), key lock_<name>)", "redlock-ng (str(uuid4()))",
             "Swift RedisLock (uppercase)", "pottery and redis-semaphore under other prefixes"]
        case .tokenBase64:
            ["redsync (16 bytes, padded)", "bsm/redislock (base64url)", "redlock-py and pyredlock (22 letters and digits)",
             "python-redis-lock under a name other than lock:"]
        default:
            []
        }
    }

    /// Whether the family is a token shape rather than a library.
    public var isShape: Bool { !writers.isEmpty }
}

extension LockEntity {
    /// Why this key is taken for a lock, one line each, for the detail pane; empty for a
    /// library's own layout, which its name says.
    public var evidence: [String] {
        guard family.isShape else { return [] }
        var lines = [confidence == .lock ? "token shape, and the key's name says lock" : "token shape and a TTL only: possibly not a lock"]
        lines.append("written by: " + family.writers.joined(separator: "; "))
        return lines
    }
}
