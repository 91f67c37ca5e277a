import RedisClient

/// A value written under a fencing token, as `FencedStore.read` returns it.
public struct FencedValue: Sendable, Hashable {
    /// The data, as bytes.
    public let value: [UInt8]
    /// The highest token the key has accepted.
    public let token: FencingToken
}

/// The storage side of fencing: a write carries the writer's `FencingToken`, and the store
/// refuses it when a newer token has already written, all in one Lua script.
///
/// Use it for data a lock protects when a holder may stall (GC pause, SIGSTOP, slow disk)
/// past its lock's TTL: without fencing, the stalled holder wakes up and overwrites the work
/// of the next owner. Take the lock with `DistributedLock(fenced: true)` and pass the
/// lease's `fencingToken` to every write. All writers of one key must use tokens of one
/// resource (one `lock:fence:{resource}` counter).
///
/// Each key is a hash: field `value` holds the data and field `fence` the highest token
/// accepted, so both live in one key (one slot on a Redis Cluster). Tokens are compared as
/// Lua numbers, exact up to 2^53.
public struct FencedStore: Sendable {
    /// The Redis holding the data (not necessarily the one holding the locks).
    public let connection: RedisConnection

    /// A store writing through `connection`.
    public init(connection: RedisConnection) {
        self.connection = connection
    }

    /// KEYS[1] hash; ARGV[1] value, ARGV[2] token. 1 if written, 0 if a newer token already wrote.
    static let write = RedisScript(name: "fenced-write", source: """
        local highest = tonumber(redis.call('HGET', KEYS[1], 'fence'))
        if highest and tonumber(ARGV[2]) < highest then return 0 end
        redis.call('HSET', KEYS[1], 'value', ARGV[1], 'fence', ARGV[2])
        return 1
        """)

    /// Writes `value` if `token` is at least the highest token `key` has accepted (the same
    /// holder may write again); `false` when a newer owner has written since.
    public func write(key: String, value: some RedisArgument, token: FencingToken) async throws(LockError) -> Bool {
        try await ScriptingRequirement.check(connection, pattern: "FencedWrite")
        do {
            return try await connection.run(Self.write, keys: [key], arguments: [value, token.value]).int == 1
        } catch { throw .redis(error) }
    }

    /// The value and the highest accepted token, or nil if nothing was written.
    public func read(key: String) async throws(LockError) -> FencedValue? {
        let reply: RESPValue
        do { reply = try await connection.send("HMGET", key, "value", "fence") } catch { throw .redis(error) }
        guard let fields = reply.array, fields.count == 2,
              let value = fields[0].bytes, let token = fields[1].int else { return nil }
        return FencedValue(value: value, token: FencingToken(Int64(token)))
    }
}
