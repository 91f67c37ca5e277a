import LockKit
import RedisClient

/// Why a simulation did not run to its end; each message says what to do.
public enum SimulationError: Error, Sendable {
    /// `--read-only`: a simulation writes locks, so it is refused before anything is sent.
    case refusedReadOnly
    /// A parameter is out of range.
    case invalidParameters(String)
    /// A server could not be reached (or refused the credentials) before the run started.
    case connect(endpoint: String, underlying: RedisError)
    /// A client's lock or check failed mid-run; the other clients were stopped.
    case clientFailed(client: Int, underlying: LockError)
    /// The server rejected the mutual-exclusion check (SET ... GET and GETDEL need Redis 6.2+).
    case checkUnsupported(endpoint: String, message: String)
    /// The run was cancelled; every client stopped and the keys were cleaned. `report` is what it measured.
    case cancelled(report: SimulationReport)
    /// The run ended but some keys could not be deleted.
    case cleanupFailed(keys: [String], underlying: RedisError)
}

extension SimulationError: CustomStringConvertible {
    public var description: String {
        switch self {
        case .refusedReadOnly:
            "a simulation writes locks, so it is refused in read-only mode; run it without --read-only (it uses shadow keys under \(SimulationKeys.shadowPrefix) by default)."
        case .invalidParameters(let message):
            "invalid simulation parameters: \(message)."
        case .connect(let endpoint, let underlying):
            "cannot start the simulation on \(endpoint): \(underlying)"
        case .clientFailed(let client, let underlying):
            "client \(client + 1) failed and the simulation was stopped: \(underlying)"
        case .checkUnsupported(let endpoint, let message):
            "\(endpoint) rejected the mutual-exclusion check (\(message)): the simulator needs Redis 6.2 or newer (SET ... GET, GETDEL)."
        case .cancelled:
            "the simulation was cancelled; every client stopped and its keys were cleaned up."
        case .cleanupFailed(let keys, let underlying):
            "the simulation ended but its keys could not be deleted (\(underlying)); delete them with: redis-cli DEL \(keys.joined(separator: " "))"
        }
    }
}
