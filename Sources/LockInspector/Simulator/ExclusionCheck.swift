import LockKit
import RedisClient
import Synchronization

/// Checks that at most one client is inside the critical section, two ways: a holder count
/// shared by the clients of this process, and a check key in Redis that catches overlaps
/// with clients elsewhere (another locktop simulating the same key).
///
/// In Redis: entering is `SET check <token> PX <ms> GET`, which must find no one; leaving is
/// `GETDEL check`, which must find our own token. One command each, so the simulator knows
/// exactly how many to take out of the commands per acquisition.
final class ExclusionCheck: Sendable {
    private let holders = Atomic<Int>(0)
    let key: String
    /// The check key's TTL: it outlives the section, and a crashed client's mark still goes away.
    private let expiryMilliseconds: Int

    init(key: String, hold: Duration) {
        self.key = key
        expiryMilliseconds = Int((hold + .seconds(10)).milliseconds.rounded(.up))
    }

    /// Marks `token` inside; `true` if someone else was inside too (a violation).
    func enter(_ token: String, on connection: RedisConnection, ledger: ClientLedger) async throws(RedisError) -> Bool {
        let (_, inside) = holders.add(1, ordering: .sequentiallyConsistent)
        ledger.sentCheckCommand()
        let previous = try await connection.send("SET", key, token, "PX", expiryMilliseconds, "GET")
        return inside != 1 || previous != .null
    }

    /// Marks `token` outside; `true` if someone else had come in meanwhile (a violation).
    /// The local count is always taken back, also when Redis fails.
    func leave(_ token: String, on connection: RedisConnection, ledger: ClientLedger) async throws(RedisError) -> Bool {
        let (before, _) = holders.subtract(1, ordering: .sequentiallyConsistent)
        ledger.sentCheckCommand()
        let mark = try await connection.send("GETDEL", key)
        return before != 1 || mark.string != token
    }
}
