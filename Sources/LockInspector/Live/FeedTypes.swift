import Foundation

/// How the feed learns about changes.
public enum FeedMode: Sendable, Hashable {
    /// Keyspace notifications: changes show up as they happen.
    case notifications
    /// Re-reading on a timer; `reason` says why notifications are not used.
    case polling(reason: String)
}

/// The feed's connection to Redis.
public enum FeedConnection: Sendable, Hashable {
    case connected
    /// Lost; trying again (the last snapshot stays valid but stale).
    case reconnecting(attempt: Int, reason: String)
}

/// What the feed reports to its consumer (the dashboard, `locktop list`).
public enum FeedUpdate: Sendable {
    case snapshot(Snapshot)
    case progress(ScanProgress)
    case mode(FeedMode)
    case connection(FeedConnection)
    case events([LiveEvent])
}

/// Timing and permissions of a `LiveFeed`.
public struct FeedOptions: Sendable, Hashable {
    /// Polling interval when notifications are off.
    public var refreshInterval: Duration = .seconds(1)
    /// A full rescan this often even with notifications, as a safety net.
    public var rescanInterval: Duration = .seconds(30)
    /// Turn on keyspace notifications with CONFIG SET if they are off (never in read-only mode).
    public var enableNotifications = false
    /// Send no write command at all (CONFIG SET included).
    public var readOnly = false
    /// Keyspaces up to this size are rescanned on every poll; larger ones only every `rescanInterval`.
    public var smallKeyspace = 50_000

    public init() {}
}
