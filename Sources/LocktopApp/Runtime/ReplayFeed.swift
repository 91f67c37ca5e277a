import LockInspector
import RedisClient

/// The feed of `locktop replay`: one saved snapshot, then nothing. No connection is ever made.
final class ReplayFeed: KeyspaceFeed {
    /// Never connected to: a replay is read-only, so no action or simulation reaches it.
    let endpoint = RedisEndpoint.tcp()
    let updates: AsyncStream<FeedUpdate>
    private let continuation: AsyncStream<FeedUpdate>.Continuation

    init(_ saved: SavedSnapshot) {
        (updates, continuation) = AsyncStream.makeStream(of: FeedUpdate.self)
        continuation.yield(.snapshot(saved.snapshot))
    }

    func start() {}

    func stop() { continuation.finish() }

    func rescanNow() {}
}
