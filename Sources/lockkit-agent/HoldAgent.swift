import LockKit
import RedisClient

/// `hold --url U --resource R --kind mutex|read|write|permit [--permits N] [--ttl-ms N]`: takes
/// a DistributedLock, a read-write lock's hold or a semaphore's permit, prints `held <token>`, and keeps it, never
/// renewing, until killed: a holder that dies mid-section.
enum HoldAgent {
    static let hold: AgentCommand = { arguments in
        let options = try AgentOptions(arguments)
        let resource = try options.required("resource")
        let ttl = Duration.milliseconds(try options.int("ttl-ms", default: 1000))
        let connection = try await options.connect()
        let notifications = try ReleaseNotifications.shared(for: connection.endpoint)
        let lease: LockLease
        switch try options.required("kind") {
        case "mutex":
            lease = try await DistributedLock(connection: connection).acquire(resource, ttl: ttl, wait: .seconds(60))
        case "read":
            lease = try await ReadWriteLock(connection: connection, notifications: notifications).read.acquire(resource, ttl: ttl, wait: .seconds(60))
        case "write":
            lease = try await ReadWriteLock(connection: connection, notifications: notifications).write.acquire(resource, ttl: ttl, wait: .seconds(60))
        case "permit":
            let semaphore = Semaphore(connection: connection, notifications: notifications, permits: try options.int("permits", default: 1))
            lease = try await semaphore.acquire(resource, ttl: ttl, wait: .seconds(60))
        case let other:
            throw AgentOptions.UsageError(description: "--kind must be mutex, read, write or permit, got \(other)")
        }
        Agent.say("held \(lease.token.value)")
        await Agent.blockForever()
    }
}
