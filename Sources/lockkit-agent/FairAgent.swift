import Foundation
import LockKit
import RedisClient

/// `fair-wait --url U --resource R [--grant-ttl-ms N]`: queues for R's `FairLock`, prints
/// `queued <token>` once its entry is in the queue, then waits; once the lock is handed to it
/// it prints `acquired <token>`, releases, prints `released` and exits.
enum FairAgent {
    static let wait: AgentCommand = { arguments in
        let options = try AgentOptions(arguments)
        let resource = try options.required("resource")
        let connection = try await options.connect()
        let notifications = try ReleaseNotifications.shared(for: connection.endpoint)
        let lock = FairLock(connection: connection, notifications: notifications,
                            grantTTL: .milliseconds(try options.int("grant-ttl-ms", default: 200)))
        let before = Set(try await lock.queuedWaiters(resource).map(\.token))
        let waiting = Task { try await lock.acquire(resource, ttl: .seconds(30), wait: .seconds(3600)) }
        // The queue itself says when this waiter has joined it.
        while true {
            if let mine = try await lock.queuedWaiters(resource).first(where: { !before.contains($0.token) }) {
                Agent.say("queued \(mine.token.value)")
                break
            }
            try await Task.sleep(for: .milliseconds(5))
        }
        let lease = try await waiting.value
        Agent.say("acquired \(lease.token.value)")
        try await lease.release()
        Agent.say("released")
        return 0
    }
}
