import LockKit
import RedisClient
import Synchronization
import Testing

/// Waits for a condition the test can observe (a queue length, a parked waiter), instead of
/// sleeping and hoping; `limit` only keeps a broken build from hanging the run.
enum ConditionPoll {
    struct NeverHappened: Error, CustomStringConvertible {
        let what: String
        var description: String { "never happened: \(what)" }
    }

    static func until(_ what: String, limit: Duration = .seconds(60), _ condition: () async throws -> Bool) async throws {
        let deadline = ContinuousClock.now + limit
        while try await !condition() {
            guard ContinuousClock.now < deadline else { throw NeverHappened(what: what) }
            try await Task.sleep(for: .milliseconds(1))
        }
    }
}

/// The order in which waiters got a lock, appended from their own tasks.
final class AcquisitionOrder: Sendable {
    private let labels = Mutex<[String]>([])

    func append(_ label: String) { labels.withLock { $0.append(label) } }

    var all: [String] { labels.withLock { $0 } }
}

/// Every lock a contention run made, so the test can add up their statistics afterwards.
final class NotifiedLockRegistry: Sendable {
    private let locks = Mutex<[NotifiedLock]>([])

    func keep(_ lock: NotifiedLock) -> NotifiedLock {
        locks.withLock { $0.append(lock) }
        return lock
    }

    var statistics: [NotifiedLockStatistics] { locks.withLock { $0.map(\.statistics) } }
}
