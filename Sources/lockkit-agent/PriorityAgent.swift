import Foundation
import LockKit
import RedisClient

/// `priority-wait --url U --resource R --priority P`: joins the priority queue of R, prints
/// `queued <token>` once its entry is in the queue, and keeps waiting until killed or until
/// it acquires (then prints `acquired`).
enum PriorityAgent {
    static func wait(_ arguments: [String]) async throws -> Int32 {
        let options = try AgentOptions(arguments)
        let resource = try options.required("resource")
        let priority = try options.int("priority", default: 5)
        let connection = try await options.connect()
        let notifications = try ReleaseNotifications.shared(for: connection.endpoint)
        let lock = PriorityLock(connection: connection, notifications: notifications)
        let before = Set(try await lock.queuedWaiters(resource).map(\.token))
        let waiting = Task { try await lock.acquire(resource, priority: priority, ttl: .seconds(30), wait: .seconds(3600)) }
        // The queue itself says when this waiter has joined it.
        while true {
            if let mine = try await lock.queuedWaiters(resource).first(where: { !before.contains($0.token) && $0.priority == priority }) {
                Agent.say("queued \(mine.token.value)")
                break
            }
            try await Task.sleep(for: .milliseconds(5))
        }
        _ = try await waiting.value
        Agent.say("acquired")
        return 0
    }
}
