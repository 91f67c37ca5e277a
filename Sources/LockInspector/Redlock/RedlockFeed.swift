import Foundation
import RedisClient

/// Follows independent Redlock servers side by side: one `LiveFeed` per server, and after
/// every change a `RedlockReport` (each lock key once, with what each server holds) as
/// `.redlock`. The other views get the first server that answers as their snapshot.
public final class RedlockFeed: KeyspaceFeed {
    /// The servers, in the order given.
    public let endpoints: [RedisEndpoint]
    public let scanOptions: ScanOptions
    public let options: FeedOptions
    public var updates: AsyncStream<FeedUpdate> { feedRun.updates }

    private let feedRun = FeedRun()
    private let feeds: [LiveFeed]

    /// A feed of `endpoints` (two or more independent servers).
    public init(endpoints: [RedisEndpoint], scanOptions: ScanOptions = ScanOptions(), options: FeedOptions = FeedOptions()) {
        self.endpoints = endpoints
        self.scanOptions = scanOptions
        self.options = options
        feeds = endpoints.map { LiveFeed(endpoint: $0, scanOptions: scanOptions, options: options) }
    }

    deinit { stop() }

    /// The first server: where the dashboard's actions on the other views go.
    public var endpoint: RedisEndpoint { endpoints.first ?? .tcp() }

    public func start() {
        let merger = FeedMerger(redlockServers: endpoints.map(\.description))
        feedRun.start { [feeds, feedRun] in await FeedFanIn.run(feeds, merger: merger, into: feedRun.continuation) }
    }

    public func stop() {
        feedRun.stop()
        for feed in feeds { feed.stop() }
    }

    public func rescanNow() {
        for feed in feeds { feed.rescanNow() }
    }
}
