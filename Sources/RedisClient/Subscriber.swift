import Foundation
import Synchronization

/// SUBSCRIBE / PSUBSCRIBE on a connection and thread of its own. Events arrive on `events`;
/// after the server restarts it reconnects (with backoff) and resubscribes by itself.
public final class Subscriber: Sendable {
    public let endpoint: RedisEndpoint
    /// Messages and connection changes, in order. One consumer; fan out above this if needed.
    public let events: AsyncStream<SubscriberEvent>
    private let core: SubscriberCore

    public convenience init(endpoint: RedisEndpoint, options: RedisConnectionOptions = RedisConnectionOptions()) throws(RedisError) {
        try self.init(endpoint: endpoint, options: options, handler: nil)
    }

    /// A subscriber that calls `handler` on its own thread for every event, instead of
    /// `events` (which then stays empty): one thread hop less, for latency-critical
    /// dispatch. The handler must be quick and must not block.
    public init(endpoint: RedisEndpoint, options: RedisConnectionOptions = RedisConnectionOptions(),
                handler: (@Sendable (SubscriberEvent) -> Void)?) throws(RedisError) {
        self.endpoint = endpoint
        let (stream, continuation) = AsyncStream.makeStream(of: SubscriberEvent.self, bufferingPolicy: .bufferingNewest(100_000))
        events = stream
        core = try SubscriberCore(endpoint: endpoint, options: options, continuation: continuation, handler: handler)
        let core = self.core
        let thread = Thread { core.run() }
        thread.name = "subscriber \(endpoint)"
        thread.start()
    }

    deinit { core.stop() }

    /// Subscribes and returns once the server confirmed every channel.
    public func subscribe(_ channels: [String]) async throws(RedisError) {
        try await core.request(.channel, names: channels.map { Array($0.utf8) }, subscribe: true)
    }

    /// Pattern-subscribes and returns once the server confirmed every pattern.
    public func psubscribe(_ patterns: [String]) async throws(RedisError) {
        try await core.request(.pattern, names: patterns.map { Array($0.utf8) }, subscribe: true)
    }

    public func unsubscribe(_ channels: [String]) async throws(RedisError) {
        try await core.request(.channel, names: channels.map { Array($0.utf8) }, subscribe: false)
    }

    public func punsubscribe(_ patterns: [String]) async throws(RedisError) {
        try await core.request(.pattern, names: patterns.map { Array($0.utf8) }, subscribe: false)
    }

    /// Stops the thread and finishes `events`.
    public func stop() { core.stop() }
}
