/// Runs one `LiveFeed` per server and passes their updates, through a `FeedMerger`, on as
/// the updates of one feed: what `ClusterFeed` and `RedlockFeed` share.
enum FeedFanIn {
    /// Follows `feeds` until the task is cancelled or `watch` calls the closure it is given
    /// (to end the round early: the cluster's masters changed). The feeds are stopped on return.
    static func run(_ feeds: [LiveFeed], merger: FeedMerger, into continuation: AsyncStream<FeedUpdate>.Continuation,
                    watch: (@Sendable (_ endRound: @escaping @Sendable () -> Void) async -> Void)? = nil) async {
        var merger = merger
        continuation.yield(.nodes(merger.nodes))
        let (tagged, taggedContinuation) = AsyncStream.makeStream(of: (Int, FeedUpdate).self)
        var forwarders: [Task<Void, Never>] = []
        for (index, feed) in feeds.enumerated() {
            forwarders.append(Task {
                for await update in feed.updates { taggedContinuation.yield((index, update)) }
            })
            feed.start()
        }
        let watcher = watch.map { watch in Task { await watch { taggedContinuation.finish() } } }
        defer {
            watcher?.cancel()
            for forwarder in forwarders { forwarder.cancel() }
            for feed in feeds { feed.stop() }
        }
        for await (index, update) in tagged {
            for merged in merger.apply(update, from: index) { continuation.yield(merged) }
        }
    }
}
