import LockKit
import RedisClient
import Synchronization

/// What a read-write lock's or semaphore's zset holds now, read straight from Redis.
func members(of key: String, on redis: RedisConnection) async throws -> [String] {
    try await redis.send("ZRANGE", key, 0, -1).array?.compactMap(\.string) ?? []
}

/// Counts who is inside a shared section, and remembers every overlap the lock should have
/// prevented: a reader beside a writer, two writers, or more holders than permits.
final class OccupancyCheck: Sendable {
    private struct State {
        var readers = 0
        var writers = 0
        var mostAtOnce = 0
        var violations = 0
    }

    private let state = Mutex(State())
    private let limit: Int

    /// `limit` holders at most (a semaphore's permits; `Int.max` for readers).
    init(limit: Int = .max) { self.limit = limit }

    func enter(_ mode: ReadWriteLock.Mode) {
        state.withLock { state in
            switch mode {
            case .read:
                state.readers += 1
                if state.writers > 0 || state.readers > limit { state.violations += 1 }
            case .write:
                state.writers += 1
                if state.writers > 1 || state.readers > 0 { state.violations += 1 }
            }
            state.mostAtOnce = max(state.mostAtOnce, state.readers + state.writers)
        }
    }

    func leave(_ mode: ReadWriteLock.Mode) {
        state.withLock { state in
            switch mode {
            case .read: state.readers -= 1
            case .write: state.writers -= 1
            }
        }
    }

    var violations: Int { state.withLock { $0.violations } }
    var mostAtOnce: Int { state.withLock { $0.mostAtOnce } }
}
