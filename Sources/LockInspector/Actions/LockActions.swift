import LockKit
import RedisClient

/// Operator actions on locks. Each compares the owner the operator saw (a Lua CAS; where
/// the server refuses Lua, its native compare-and-set or WATCH/MULTI/EXEC), so it never
/// touches a lock another owner acquired since; in read-only mode nothing is sent.
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
        guard !readOnly else { return .refusedReadOnly }
        switch await scripting() {
        case .failure(let outcome): return outcome
        case .success(true): return await perform(Self.forceRelease, key: key, arguments: [token, releaseChannel ?? ""])
        case .success(false):
            return await withoutLua { () throws(RedisError) in
                try await connection.releaseIfOwned(key, token: token, channel: releaseChannel)
            }
        }
    }

    /// Adds `extra` to the TTL of `key` only if it still holds `token`.
    public func extend(key: [UInt8], token: [UInt8], by extra: Duration) async -> ActionOutcome {
        let (seconds, attoseconds) = extra.components
        let milliseconds = Int(seconds) * 1000 + Int(attoseconds / 1_000_000_000_000_000)
        guard milliseconds > 0 else { return .failed("extend by a positive number of milliseconds") }
        guard !readOnly else { return .refusedReadOnly }
        switch await scripting() {
        case .failure(let outcome): return outcome
        case .success(true): return await perform(Self.extend, key: key, arguments: [token, milliseconds])
        case .success(false):
            return await withoutLua { () throws(RedisError) in
                try await connection.extendIfOwned(key, token: token, change: .add(milliseconds: milliseconds))
            }
        }
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
        // A queue without heartbeats names itself twice: ZREM of a missing member does nothing.
        let deadlines = queue.supportKeys.deadlines ?? queue.key
        guard !readOnly else { return .refusedReadOnly }
        switch await scripting() {
        case .failure(let outcome): return outcome
        case .success(true): return await perform(Self.removeWaiter, keys: [queue.key, deadlines], arguments: [member])
        case .success(false): return await removeWaiterWithoutLua(queue: queue.key, deadlines: deadlines, member: member)
        }
    }

    /// Whether this user may run scripts (asked once per connection); an outcome when asking failed.
    private func scripting() async -> ScriptingAnswer {
        do { return .success(try await connection.capabilities().scripting) } catch {
            return .failure(ActionOutcome.failed(error.description))
        }
    }

    /// Whether scripts may run, or the outcome to report when that could not be asked.
    private enum ScriptingAnswer {
        case success(Bool)
        case failure(ActionOutcome)
    }

    /// Both ZREMs in one MULTI/EXEC: atomic like the script, no compare needed (a waiter is
    /// removed by member, whoever holds the lock).
    private func removeWaiterWithoutLua(queue: [UInt8], deadlines: [UInt8], member: [UInt8]) async -> ActionOutcome {
        await withoutLua { () throws(RedisError) in
            let replies = try await connection.pipeline([
                RedisCommand("MULTI"), RedisCommand("ZREM", deadlines, member), RedisCommand("ZREM", queue, member), RedisCommand("EXEC"),
            ])
            if let message = replies.lazy.compactMap(\.errorMessage).first {
                throw .server(endpoint: connection.endpoint.description, command: "MULTI/ZREM/EXEC", message: message)
            }
            return replies.last?.array?.last?.int == 1 ? .done(ttlMilliseconds: nil) : .gone
        }
    }

    /// Runs a token-compared operation that needs no Lua and turns its outcome into the action's.
    private func withoutLua(_ operation: () async throws(RedisError) -> OwnerCheckedOutcome) async -> ActionOutcome {
        do {
            switch try await operation() {
            case .done: return .done
            case .ownerChanged: return .ownerChanged
            case .gone: return .keyGone
            }
        } catch {
            return Self.outcome(of: error)
        }
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
            return Self.outcome(of: error)
        }
    }

    /// A refused or failed action as the operator sees it.
    static func outcome(of error: RedisError) -> ActionOutcome {
        if let message = error.serverMessage, message.hasPrefix("NOPERM") { return .noPermission(message) }
        if let message = error.serverMessage, message.contains("WRONGTYPE") {
            return .unsupported("this key is not a string lock; release it with its own library")
        }
        return .failed(error.description)
    }
}
