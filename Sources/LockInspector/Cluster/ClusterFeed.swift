import Foundation
import RedisClient
import Synchronization

/// Follows every master of a Redis Cluster: one `LiveFeed` per master (keyspace events are
/// local to a node, so each master is followed on its own connections), merged into one
/// stream of updates by `FeedMerger`. The masters are looked up again every rescan
/// interval; when they change (failover, resharding, a master added) the per-master feeds
/// are replaced.
public final class ClusterFeed: KeyspaceFeed {
    public let endpoint: RedisEndpoint
    public let scanOptions: ScanOptions
    public let options: FeedOptions
    public var updates: AsyncStream<FeedUpdate> { feedRun.updates }

    private let feedRun = FeedRun()
    private var continuation: AsyncStream<FeedUpdate>.Continuation { feedRun.continuation }
    private let masterFeeds = Mutex<[LiveFeed]>([])

    /// A feed of the cluster `endpoint` (a `.cluster` endpoint).
    public init(endpoint: RedisEndpoint, scanOptions: ScanOptions = ScanOptions(), options: FeedOptions = FeedOptions()) {
        self.endpoint = endpoint
        self.scanOptions = scanOptions
        self.options = options
    }

    deinit { stop() }

    public func start() { feedRun.start { await self.run() } }

    public func stop() {
        feedRun.stop()
        for feed in masterFeeds.withLock({ $0 }) { feed.stop() }
    }

    public func rescanNow() {
        for feed in masterFeeds.withLock({ $0 }) { feed.rescanNow() }
    }

    private var givenSeeds: [SentinelAddress.Node] {
        if case .cluster(let cluster) = endpoint.address { return cluster.seeds }
        return []
    }

    private func run() async {
        var seeds = givenSeeds
        var failures = 0
        var generator = SystemRandomNumberGenerator()
        while !Task.isCancelled {
            let masters: [ClusterNode]
            do {
                masters = try await ClusterTopology.masters(of: endpoint, seeds: seeds)
            } catch {
                failures += 1
                continuation.yield(.connection(.reconnecting(attempt: failures, reason: error.description)))
                let delay = ReconnectPolicy.default.delay(afterFailures: failures, using: &generator)
                try? await Task.sleep(for: max(delay, .milliseconds(100)))
                continue
            }
            if failures > 0 { continuation.yield(.connection(.connected)) }
            failures = 0
            // Any master known now can answer the next lookup, also if the given seed is gone.
            seeds = masters.map { SentinelAddress.Node(host: $0.host, port: $0.port) }
            seeds += givenSeeds.filter { !seeds.contains($0) }
            await follow(masters, seeds: seeds)
        }
    }

    /// Runs one feed per master until the masters change or the feed is stopped.
    private func follow(_ masters: [ClusterNode], seeds: [SentinelAddress.Node]) async {
        let feeds = masters.map { master in
            var nodeOptions = options
            nodeOptions.ownedSlots = master.slots
            return LiveFeed(endpoint: endpoint.node(master.host, master.port), scanOptions: scanOptions, options: nodeOptions)
        }
        masterFeeds.withLock { $0 = feeds }
        defer { masterFeeds.withLock { $0 = [] } }
        await FeedFanIn.run(feeds, merger: FeedMerger(masters: masters), into: continuation) { [endpoint, options] endRound in
            // The masters as they were; when a lookup finds others, this round ends.
            while !Task.isCancelled {
                try? await Task.sleep(for: options.rescanInterval)
                guard !Task.isCancelled else { return }
                if let now = try? await ClusterTopology.masters(of: endpoint, seeds: seeds), !ClusterNode.sameLayout(now, masters) {
                    endRound()
                    return
                }
            }
        }
    }
}
