import Foundation
import RedisClient
import Synchronization

/// Follows independent Redlock servers side by side: one `LiveFeed` per server, and after
/// every change a `RedlockReport` (each lock key once, with what each server holds) as
/// `.redlock`. The other views get the first server that answers as their snapshot.
public final class RedlockFeed: KeyspaceFeed {
    /// The servers, in the order given.
    public let endpoints: [RedisEndpoint]
    public let scanOptions: ScanOptions
    public let options: FeedOptions
    public let updates: AsyncStream<FeedUpdate>

    private let continuation: AsyncStream<FeedUpdate>.Continuation
    private let task = Mutex<Task<Void, Never>?>(nil)
    private let feeds: [LiveFeed]

    /// A feed of `endpoints` (two or more independent servers).
    public init(endpoints: [RedisEndpoint], scanOptions: ScanOptions = ScanOptions(), options: FeedOptions = FeedOptions()) {
        self.endpoints = endpoints
        self.scanOptions = scanOptions
        self.options = options
        feeds = endpoints.map { LiveFeed(endpoint: $0, scanOptions: scanOptions, options: options) }
        (updates, continuation) = AsyncStream.makeStream(of: FeedUpdate.self, bufferingPolicy: .bufferingNewest(256))
    }

    deinit { stop() }

    /// The first server: where the dashboard's actions on the other views go.
    public var endpoint: RedisEndpoint { endpoints.first ?? .tcp() }

    public func start() {
        task.withLock { current in
            guard current == nil else { return }
            let merger = FeedMerger(redlockServers: endpoints.map(\.description))
            current = Task { [feeds, continuation] in await FeedFanIn.run(feeds, merger: merger, into: continuation) }
        }
    }

    public func stop() {
        task.withLock { $0?.cancel() }
        for feed in feeds { feed.stop() }
        continuation.finish()
    }

    public func rescanNow() {
        for feed in feeds { feed.rescanNow() }
    }
}
