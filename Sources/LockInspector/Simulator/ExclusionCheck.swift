import LockKit
import RedisClient
import Synchronization

/// How a client holds the simulated lock, which says who may be inside beside it.
enum SectionAccess: Sendable, Hashable {
    /// Alone (a mutex, or a read-write lock's writer).
    case exclusive
    /// Beside other readers, never beside a writer.
    case read
    /// Beside at most `permits - 1` other permit holders.
    case permit
}

/// Checks that the critical section is shared only as the lock allows, two ways: holder counts
/// shared by the clients of this process, and check keys in Redis that catch overlaps with
/// clients elsewhere (another locktop simulating the same key).
///
/// In Redis, an exclusive holder entering does `SET check <token> PX <ms> GET`, which must find
/// no one, and leaving does `GETDEL check`, which must find its own token: one command each,
/// so the simulator knows exactly how many to take out of the commands per acquisition. A
/// reader or permit holder counts itself in `INCR shared` / out `DECR shared`; a reader also
/// reads `check` (must be empty) and a writer `shared` (must be 0) in the same round trip. Each
/// writes before it reads, so of a reader and a writer inside together, one sees the other.
final class ExclusionCheck: Sendable {
    private struct Inside {
        var exclusive = 0
        var shared = 0
    }

    private let inside = Mutex(Inside())
    let key: String
    let sharedKey: String
    let permits: Int
    /// Whether writers must also look at the shared count (only a read-write lock has both).
    private let readersExist: Bool
    /// The check key's TTL: it outlives the section, and a crashed client's mark still goes away.
    private let expiryMilliseconds: Int

    init(keys: SimulationKeys, hold: Duration, permits: Int, readersExist: Bool) {
        key = keys.exclusionCheck
        sharedKey = keys.sharedCheck
        self.permits = permits
        self.readersExist = readersExist
        expiryMilliseconds = Int((hold + .seconds(10)).milliseconds.rounded(.up))
    }

    /// Marks `token` inside; `true` if the lock let someone in who should not be beside it.
    func enter(_ token: String, _ access: SectionAccess, on connection: RedisConnection, ledger: ClientLedger) async throws(RedisError) -> Bool {
        let localViolation = inside.withLock { inside in
            switch access {
            case .exclusive:
                inside.exclusive += 1
                return inside.exclusive > 1 || inside.shared > 0
            case .read:
                inside.shared += 1
                return inside.exclusive > 0
            case .permit:
                inside.shared += 1
                return inside.shared > permits
            }
        }
        switch access {
        case .exclusive where !readersExist:
            ledger.sentCheckCommand()
            return try await connection.send("SET", key, token, "PX", expiryMilliseconds, "GET") != .null || localViolation
        case .exclusive:
            let replies = try await pipeline([RedisCommand("SET", key, token, "PX", expiryMilliseconds, "GET"),
                                              RedisCommand("GET", sharedKey)], on: connection, ledger: ledger)
            return replies[0] != .null || (replies[1].string.flatMap { Int($0) } ?? 0) > 0 || localViolation
        case .read:
            let replies = try await pipeline([RedisCommand("INCR", sharedKey), RedisCommand("GET", key)], on: connection, ledger: ledger)
            return replies[1] != .null || localViolation
        case .permit:
            ledger.sentCheckCommand()
            return (try await connection.send("INCR", sharedKey).int ?? 0) > permits || localViolation
        }
    }

    /// Marks `token` outside; `true` if someone came in meanwhile who should not have. The local
    /// count is always taken back, also when Redis fails.
    func leave(_ token: String, _ access: SectionAccess, on connection: RedisConnection, ledger: ClientLedger) async throws(RedisError) -> Bool {
        let wasAlone = inside.withLock { inside in
            switch access {
            case .exclusive:
                defer { inside.exclusive -= 1 }
                return inside.exclusive == 1
            case .read, .permit:
                inside.shared -= 1
                return true
            }
        }
        ledger.sentCheckCommand()
        switch access {
        case .exclusive:
            return try await connection.send("GETDEL", key).string != token || !wasAlone
        case .read, .permit:
            _ = try await connection.send("DECR", sharedKey)
            return false
        }
    }

    private func pipeline(_ commands: [RedisCommand], on connection: RedisConnection, ledger: ClientLedger) async throws(RedisError) -> [RESPValue] {
        for _ in commands { ledger.sentCheckCommand() }
        let replies = try await connection.pipeline(commands)
        guard replies.count == commands.count else {
            throw .protocolViolation(endpoint: connection.endpoint.description, command: "pipeline",
                                     reason: "expected \(commands.count) replies, got \(replies.count)")
        }
        if let message = replies.lazy.compactMap(\.errorMessage).first {
            throw .server(endpoint: connection.endpoint.description, command: commands[0].name, message: message)
        }
        return replies
    }
}
