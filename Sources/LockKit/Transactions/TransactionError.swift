import RedisClient

/// Why a transaction pattern (event log, saga, two-phase commit) failed; each message says what to do.
public enum TransactionError: Error, Sendable, Equatable {
    /// Talking to Redis failed; the operation may or may not have taken effect.
    case redis(RedisError)
    /// The lock that serialises the transaction could not be taken or was lost.
    case lock(LockError)
    /// A step's forward action failed.
    case stepFailed(step: String, underlying: String)
    /// A compensation failed; the transaction stays in its compensating state until resumed.
    case compensationFailed(step: String, underlying: String)
    /// An event handler failed; the event stays pending in its consumer group.
    case handlerFailed(event: String, underlying: String)
    /// The key that should hold the transaction's state does not exist.
    case notFound(key: String)
    /// The stored state does not allow the operation.
    case invalidState(key: String, found: String, expected: String)
    /// A stored value could not be read (not written by LockKit, or damaged).
    case malformed(key: String, reason: String)
    /// A payload could not be encoded to or decoded from JSON.
    case encoding(String)
    /// A parameter is out of range or inconsistent.
    case invalidArgument(String)
    /// The operation did not finish within `waited`.
    case timeout(operation: String, waited: Duration)
}

extension TransactionError: CustomStringConvertible {
    /// What went wrong and what to do about it.
    public var description: String {
        switch self {
        case .redis(let error):
            return error.description
        case .lock(let error):
            return error.description
        case .stepFailed(let step, let underlying):
            return "step '\(step)' failed: \(underlying). The steps before it are compensated."
        case .compensationFailed(let step, let underlying):
            return "compensation of step '\(step)' failed: \(underlying). The state stays 'compensating'; fix the cause and resume it."
        case .handlerFailed(let event, let underlying):
            return "handling event \(event) failed: \(underlying). It stays pending; it is retried when claimed again."
        case .notFound(let key):
            return "\(key) does not exist: it was never started, already expired, or was deleted. Check the name and id."
        case .invalidState(let key, let found, let expected):
            return "\(key) is in state '\(found)' but '\(expected)' was needed. Inspect it with `locktop` before retrying."
        case .malformed(let key, let reason):
            return "\(key) holds data LockKit cannot read: \(reason). Was it written by another tool?"
        case .encoding(let reason):
            return "JSON encoding failed: \(reason)"
        case .invalidArgument(let message):
            return "invalid argument: \(message)"
        case .timeout(let operation, let waited):
            return "\(operation) did not finish within \(waited). Wait longer or check what holds it up."
        }
    }
}
