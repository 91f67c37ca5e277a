import LockKit
import RedisClient

/// A priority worker queue: workers of different priorities take turns on one resource, so
/// the Queues view shows who waits, in which order.
struct DemoPriorityWorkers: Sendable {
    let endpoint: RedisEndpoint
    let priority: Int
    static let priorities = [1, 3, 5, 8]
    static let resource = "jobs:render"

    func round(_ progress: DemoProgress) async throws -> DemoRound {
        let connection = try await DemoConnections.open(endpoint, name: "worker-p\(priority)")
        let lock = PriorityLock(connection: connection, notifications: try ReleaseNotifications.shared(for: endpoint))
        let priority = self.priority
        return {
            let lease = try await lock.acquire(Self.resource, priority: priority, ttl: .seconds(5), wait: .seconds(60))
            // The job itself is not cancelled by a stop request: it finishes, then the lock is released.
            try? await ContinuousClock().sleep(for: .milliseconds(400))
            _ = try await lease.release()
            progress.record { $0.priorityAcquisitions[String(priority), default: 0] += 1 }
        }
    }
}
