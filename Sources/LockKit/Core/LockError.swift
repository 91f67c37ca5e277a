import RedisClient

/// Why a lock operation failed; each message says what to do.
public enum LockError: Error, Sendable, Equatable {
    /// The lock stayed held by someone else for the whole wait.
    case timeout(key: String, waited: Duration)
    /// The lease is no longer ours (expired, released, or taken by another owner).
    case notHeld(key: String)
    /// Redlock could not lock a majority of its servers.
    case quorumNotReached(key: String, locked: Int, needed: Int)
    /// A parameter is out of range (a zero TTL, an empty key list, ...).
    case invalidArgument(String)
    /// The waiting task was cancelled before it got the lock.
    case cancelled(key: String)
    /// Talking to Redis failed.
    case redis(RedisError)
    /// `pattern` needs Lua scripting, which the server at `endpoint` refuses to this user.
    case scriptingRefused(pattern: String, endpoint: String)
}

extension LockError: CustomStringConvertible {
    public var description: String {
        switch self {
        case .timeout(let key, let waited):
            return "could not acquire \(key) within \(waited): another owner held it the whole time. Wait longer, or inspect it with `locktop`."
        case .notHeld(let key):
            return "the lease on \(key) is no longer held (it expired or another owner has it): stop the protected work."
        case .quorumNotReached(let key, let locked, let needed):
            return "Redlock on \(key) locked \(locked) servers but needs \(needed): too many servers unreachable or held by others."
        case .invalidArgument(let message):
            return "invalid lock argument: \(message)"
        case .cancelled(let key):
            return "waiting for \(key) was cancelled."
        case .redis(let error):
            return error.description
        case .scriptingRefused(let pattern, let endpoint):
            return "\(pattern) needs Lua scripting (EVAL/EVALSHA, ACL category @scripting), which \(endpoint) refuses to this user: "
                + "grant it (ACL SETUSER <user> +@scripting), or use a pattern that works without it: "
                + ScriptingRequirement.patternsWithoutLua + "."
        }
    }
}
