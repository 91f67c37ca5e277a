import RedisClient

/// The lease operations of a zset whose members each hold a lease (`HolderSetScripts`):
/// every release and renewal names its member, so it touches that holder's share alone.
struct HolderSet: Sendable {
    let connection: RedisConnection

    /// Removes `member` with `script` (a release script of this layout), which wakes whom it
    /// decides on `channel`. `true` if the member's lease was still live.
    func release(_ script: RedisScript = HolderSetScripts.release, key: String, member: String, channel: String) async throws(LockError) -> Bool {
        try await run(script, key: key, [member, channel]).int == 1
    }

    /// The member's new remaining lease, or nil when it holds no live lease.
    func renew(key: String, member: String, change: TTLChange) async throws(LockError) -> Duration? {
        let arguments: [any RedisArgument] = switch change {
        case .add(let milliseconds): [member, milliseconds, "add"]
        case .set(let milliseconds): [member, milliseconds, "set"]
        }
        guard let remaining = try await run(HolderSetScripts.renew, key: key, arguments).int, remaining > 0 else { return nil }
        return .milliseconds(remaining)
    }

    /// Removes a member that gave up waiting; best effort, as its own lease ends it anyway.
    func leave(key: String, member: String) async {
        _ = try? await run(HolderSetScripts.leave, key: key, [member])
    }

    func run(_ script: RedisScript, key: String, _ arguments: [any RedisArgument]) async throws(LockError) -> RESPValue {
        do {
            return try await connection.run(script, keys: [key], arguments: arguments)
        } catch { throw .redis(error) }
    }

    /// Parses an attempt script's `{1, count}` / `{0, ms until a holder's lease ends}`.
    func attemptReply(_ reply: RESPValue, script: RedisScript) throws(LockError) -> AttemptReply {
        try AttemptReply(reply, endpoint: connection.endpoint.description, script: script.name)
    }
}
