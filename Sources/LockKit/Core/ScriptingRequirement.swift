import RedisClient

/// The check at the first use of a pattern that cannot work without Lua (priority queue,
/// multi-lock, fencing, two-phase commit, saga store): it refuses with a typed error naming
/// the missing permission and the patterns that do work, instead of failing mid-protocol.
enum ScriptingRequirement {
    /// The patterns that work on a server refusing Lua (compare-and-set by native commands or WATCH).
    static let patternsWithoutLua = "DistributedLock, SimpleLock, SpinLock, NotifiedLock, LockWatchdog and Redlock, all without fencing"

    /// Throws `LockError.scriptingRefused` when `connection`'s user may not run scripts
    /// (asked once per connection, see `RedisConnection.capabilities()`).
    static func check(_ connection: RedisConnection, pattern: String) async throws(LockError) {
        let capabilities: ServerCapabilities
        if let known = connection.knownCapabilities {
            capabilities = known
        } else {
            do { capabilities = try await connection.capabilities() } catch { throw .redis(error) }
        }
        guard capabilities.scripting else {
            throw .scriptingRefused(pattern: pattern, endpoint: connection.endpoint.description)
        }
    }
}
