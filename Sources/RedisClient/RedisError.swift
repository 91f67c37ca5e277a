import VisibleText

/// A failure talking to Redis. Every case names the endpoint, never the password.
public enum RedisError: Error, Sendable, Equatable {
    /// The connection could not be made (refused, unknown host, no socket file).
    case connect(endpoint: String, reason: String)
    /// A TLS connection could not be made, or a plain one met a TLS-only port; `reason` says what to pass instead.
    case tls(endpoint: String, reason: String)
    /// The server refused the credentials (AUTH) or the ACL user.
    case authentication(endpoint: String, user: String?, reason: String)
    /// The server did not answer within the command timeout.
    case timeout(endpoint: String, command: String)
    /// The connection dropped or was closed; the command may or may not have run.
    case closed(endpoint: String, command: String)
    /// The server answered with an error reply (WRONGTYPE, NOPERM, ...).
    case server(endpoint: String, command: String, message: String)
    /// The reply was not what the protocol or the caller expected.
    case protocolViolation(endpoint: String, command: String, reason: String)
}

extension RedisError: CustomStringConvertible {
    public var description: String {
        switch self {
        case .connect(let endpoint, let reason):
            return "cannot connect to Redis at \(endpoint): \(reason). Is redis-server running there? Check --url, host and port."
        case .tls(let endpoint, let reason):
            return "cannot connect to Redis at \(endpoint): \(reason)"
        case .authentication(let endpoint, let user, let reason):
            let who = user.map { "user '\($0)'" } ?? "the default user"
            return "Redis at \(endpoint) refused to authenticate \(who): \(reason). Check the user name and REDISCLI_AUTH / LOCKTOP_PASSWORD."
        case .timeout(let endpoint, let command):
            return "\(command) to Redis at \(endpoint) timed out: the server did not answer in time (busy, paused or unreachable)."
        case .closed(let endpoint, let command):
            return "connection to Redis at \(endpoint) was lost during \(command); it may or may not have run. It reconnects on the next command."
        case .server(let endpoint, let command, let message):
            // Error replies can echo what a client wrote (script errors, keys): shown by the one rule.
            return "Redis at \(endpoint) refused \(command): \(VisibleText.escape(message))"
        case .protocolViolation(let endpoint, let command, let reason):
            return "unexpected reply to \(command) from Redis at \(endpoint): \(reason)"
        }
    }

    /// The error reply text when the server refused the command.
    public var serverMessage: String? {
        if case .server(_, _, let message) = self { return message }
        return nil
    }

    /// `true` for errors after which the connection is gone (a retry reconnects).
    public var isConnectionLoss: Bool {
        switch self {
        case .connect, .tls, .timeout, .closed: true
        default: false
        }
    }
}
