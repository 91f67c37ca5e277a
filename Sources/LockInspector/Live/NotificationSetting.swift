import Foundation
import RedisClient

/// A change locktop made to a server's `notify-keyspace-events` at the operator's request
/// (`--enable-notifications`): what it was, and what locktop set.
public struct NotificationChange: Sendable, Hashable, Codable {
    /// The server, as `RedisEndpoint.description` names it (no password).
    public var endpoint: String
    public var original: String
    public var applied: String
}

/// Turning keyspace notifications on, and putting the server's setting back afterwards.
public enum NotificationSetting {
    /// Switches notifications on if they are off; the change made, or nil when they were on.
    public static func enable(on connection: RedisConnection) async throws(RedisError) -> NotificationChange? {
        let original = try await current(on: connection)
        guard !KeyspaceEvents.covers(original) else { return nil }
        try await connection.send("CONFIG", "SET", "notify-keyspace-events", KeyspaceEvents.enabling(original))
        // The server normalises the flags ("KA" reads back as "AK"): keep what it says, to compare at restore.
        let applied = try await current(on: connection)
        return NotificationChange(endpoint: connection.endpoint.description, original: original, applied: applied)
    }

    /// What `restore` did.
    public enum RestoreOutcome: Sendable, Hashable {
        case restored
        /// Someone changed the setting since; theirs is left alone.
        case changedSince(current: String)
    }

    /// Puts `change.original` back, unless the setting is no longer what locktop applied.
    public static func restore(_ change: NotificationChange, on connection: RedisConnection) async throws(RedisError) -> RestoreOutcome {
        let now = try await current(on: connection)
        guard now == change.applied else { return .changedSince(current: now) }
        try await connection.send("CONFIG", "SET", "notify-keyspace-events", change.original)
        return .restored
    }

    private static func current(on connection: RedisConnection) async throws(RedisError) -> String {
        try await connection.send("CONFIG", "GET", "notify-keyspace-events").array?.last?.string ?? ""
    }
}
