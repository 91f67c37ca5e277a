import Foundation
import RedisClient

/// How the feed learns about changes.
public enum FeedMode: Sendable, Hashable {
    /// Keyspace notifications: changes show up as they happen.
    case notifications
    /// Re-reading on a timer; `reason` says why notifications are not used.
    case polling(reason: String)

    /// The reason to poll when the user may not subscribe to the channels `mode` would use.
    static func withoutChannels(_ mode: FeedMode, every interval: Duration) -> String {
        let milliseconds = Int(interval.components.seconds) * 1000 + Int(interval.components.attoseconds / 1_000_000_000_000_000)
        let every = milliseconds % 1000 == 0 ? "\(milliseconds / 1000) s" : "\(milliseconds) ms"
        let cost = "no channel access: polling every \(every)"
        if case .polling(let reason) = mode { return "\(reason); \(cost)" }
        return cost
    }
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
    /// A cluster's masters and whether each answers (cluster feeds only).
    case nodes([ClusterNodeStatus])
    /// Independent Redlock servers side by side (Redlock feeds only).
    case redlock(RedlockReport)
    /// A Sentinel failover of the master: in progress (with what the sentinels said last) or over (`nil`).
    case failover(String?)
}

/// A source of `FeedUpdate`s for one Redis deployment: `LiveFeed` for one server (or the
/// master Sentinel names), `ClusterFeed` for every master of a cluster.
public protocol KeyspaceFeed: AnyObject, Sendable {
    /// Where actions and simulations for what the feed shows are sent.
    var endpoint: RedisEndpoint { get }
    /// Everything the feed learns, in order.
    var updates: AsyncStream<FeedUpdate> { get }
    /// Starts following.
    func start()
    /// Stops following and finishes `updates`.
    func stop()
    /// Asks for a full rescan now (the `r` key).
    func rescanNow()
    /// Follows these key patterns from the next full scan on (what `locktop discover` found).
    func follow(patterns: [String])
}

extension KeyspaceFeed {
    /// Feeds over several servers keep the patterns they were made with.
    public func follow(patterns: [String]) {}
}

/// The feed for `endpoints`: a `RedlockFeed` for several independent servers, a `ClusterFeed`
/// for a cluster endpoint, a `LiveFeed` otherwise.
public func makeKeyspaceFeed(endpoints: [RedisEndpoint], scanOptions: ScanOptions, options: FeedOptions) -> any KeyspaceFeed {
    if endpoints.count > 1 { return RedlockFeed(endpoints: endpoints, scanOptions: scanOptions, options: options) }
    let endpoint = endpoints.first ?? .tcp()
    return endpoint.isCluster ? ClusterFeed(endpoint: endpoint, scanOptions: scanOptions, options: options)
        : LiveFeed(endpoint: endpoint, scanOptions: scanOptions, options: options)
}

/// Timing and permissions of a `LiveFeed`.
public struct FeedOptions: Sendable, Hashable {
    /// Polling interval when notifications are off.
    public var refreshInterval: Duration = .seconds(1)
    /// A full rescan this often even with notifications, as a safety net.
    public var rescanInterval: Duration = .seconds(30)
    /// Turn on keyspace notifications with CONFIG SET if they are off (never in read-only mode).
    /// The feed does not put them back: `NotificationGuard` (the dashboard) does.
    public var enableNotifications = false
    /// Send no write command at all (CONFIG SET included).
    public var readOnly = false
    /// Keyspaces up to this size are rescanned on every poll; larger ones only every `rescanInterval`.
    public var smallKeyspace = 50_000
    /// On one master of a cluster, the slots it serves: release messages (which a cluster sends
    /// to every node) for keys elsewhere are ignored. `nil` everywhere else.
    public var ownedSlots: [ClosedRange<Int>]?

    public init() {}
}
