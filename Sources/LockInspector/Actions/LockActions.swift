import RedisClient

/// Operator actions on locks. Each compares the owner the operator saw (a Lua CAS), so it
/// never touches a lock another owner acquired since; in read-only mode nothing is sent.
public struct LockActions: Sendable {
    public let connection: RedisConnection
    public let readOnly: Bool

    public init(connection: RedisConnection, readOnly: Bool) {
        self.connection = connection
        self.readOnly = readOnly
    }

    /// KEYS[1] key; ARGV[1] expected token, ARGV[2] channel ('' for none). 1 done, 0 owner changed, -1 gone.
    static let forceRelease = RedisScript(name: "locktop-force-release", source: """
        local current = redis.call('GET', KEYS[1])
        if not current then return -1 end
        if current ~= ARGV[1] then return 0 end
        redis.call('DEL', KEYS[1])
        if ARGV[2] ~= '' then redis.call('PUBLISH', ARGV[2], 'released') end
        return 1
        """)

    /// KEYS[1] key; ARGV[1] expected token, ARGV[2] extra ms. 1 done, 0 owner changed, -1 gone.
    static let extend = RedisScript(name: "locktop-extend", source: """
        local current = redis.call('GET', KEYS[1])
        if not current then return -1 end
        if current ~= ARGV[1] then return 0 end
        local ttl = redis.call('PTTL', KEYS[1])
        if ttl < 0 then ttl = 0 end
        redis.call('PEXPIRE', KEYS[1], ttl + tonumber(ARGV[2]))
        return 1
        """)

    /// KEYS[1] queue, KEYS[2] its heartbeat deadlines (may not exist); ARGV[1] member. 1 removed, -1 gone.
    static let removeWaiter = RedisScript(name: "locktop-remove-waiter", source: """
        redis.call('ZREM', KEYS[2], ARGV[1])
        if redis.call('ZREM', KEYS[1], ARGV[1]) == 1 then return 1 end
        return -1
        """)

    /// Deletes the lock `key` only if it still holds `token`; publishes on `releaseChannel`.
    public func forceRelease(key: [UInt8], token: [UInt8], releaseChannel: String? = nil) async -> ActionOutcome {
        await perform(Self.forceRelease, key: key, arguments: [token, releaseChannel ?? ""])
    }

    /// Adds `extra` to the TTL of `key` only if it still holds `token`.
    public func extend(key: [UInt8], token: [UInt8], by extra: Duration) async -> ActionOutcome {
        let (seconds, attoseconds) = extra.components
        let milliseconds = Int(seconds) * 1000 + Int(attoseconds / 1_000_000_000_000_000)
        guard milliseconds > 0 else { return .failed("extend by a positive number of milliseconds") }
        return await perform(Self.extend, key: key, arguments: [token, milliseconds])
    }

    /// Removes a (dead) waiter from a LockKit or guide priority queue, and its heartbeat.
    ///
    /// Other layouts keep a waiter in several structures (Redisson: a list and a zset) that
    /// their own scripts expect to agree; removing it from one would break the lock, so they
    /// are refused.
    public func removeWaiter(queue: QueueEntity, member: [UInt8]) async -> ActionOutcome {
        guard queue.family == .locktop || queue.family == .guide else {
            return .unsupported("removing a \(queue.family.rawValue) waiter by hand would corrupt its queue")
        }
        let prefix = Array("lock:queue:".utf8)
        let deadlines = queue.key.starts(with: prefix) ? Array("lock:queue:deadlines:".utf8) + queue.key.dropFirst(prefix.count) : queue.key
        return await perform(Self.removeWaiter, keys: [queue.key, deadlines], arguments: [member])
    }

    private func perform(_ script: RedisScript, key: [UInt8], arguments: [any RedisArgument]) async -> ActionOutcome {
        await perform(script, keys: [key], arguments: arguments)
    }

    private func perform(_ script: RedisScript, keys: [[UInt8]], arguments: [any RedisArgument]) async -> ActionOutcome {
        guard !readOnly else { return .refusedReadOnly }
        do {
            switch try await connection.run(script, keys: keys, arguments: arguments).int {
            case 1: return .done
            case 0: return .ownerChanged
            case -1: return .keyGone
            default: return .failed("unexpected reply from \(script.name)")
            }
        } catch {
            if let message = error.serverMessage, message.hasPrefix("NOPERM") { return .noPermission(message) }
            if let message = error.serverMessage, message.contains("WRONGTYPE") {
                return .unsupported("this key is not a string lock; release it with its own library")
            }
            return .failed(error.description)
        }
    }
}
