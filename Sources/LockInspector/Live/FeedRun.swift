import Synchronization

/// The one task a feed runs and the stream its updates go to: what every `KeyspaceFeed` shares.
final class FeedRun: Sendable {
    let updates: AsyncStream<FeedUpdate>
    let continuation: AsyncStream<FeedUpdate>.Continuation
    private let task = Mutex<Task<Void, Never>?>(nil)

    init() {
        (updates, continuation) = AsyncStream.makeStream(of: FeedUpdate.self, bufferingPolicy: .bufferingNewest(256))
    }

    /// Runs `body` as the feed's task, unless it already runs.
    func start(_ body: @escaping @Sendable () async -> Void) {
        task.withLock { current in
            guard current == nil else { return }
            current = Task { await body() }
        }
    }

    /// Cancels the task and finishes the stream.
    func stop() {
        task.withLock { $0?.cancel() }
        continuation.finish()
    }
}
