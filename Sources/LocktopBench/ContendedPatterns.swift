import LockKit
import RedisClient

/// The patterns the contended benchmark runs, each with how many servers it needs.
public struct ContendedPattern: Sendable {
    public let name: String
    public let servers: Int
    public let makeLock: ContentionBenchmark.LockFactory

    /// Every LockKit pattern with the guide's settings.
    public static let all: [ContendedPattern] = [
        ContendedPattern(name: "spin (fixed 10 ms)", servers: 1) { _, endpoints in
            SpinLock(connection: try await connect(endpoints[0]), backoff: .fixed(.milliseconds(10)))
        },
        ContendedPattern(name: "spin (adaptive)", servers: 1) { _, endpoints in
            SpinLock(connection: try await connect(endpoints[0]), backoff: Backoff.guideAdaptive)
        },
        ContendedPattern(name: "notified (pub/sub)", servers: 1) { _, endpoints in
            NotifiedLock(connection: try await connect(endpoints[0]), notifications: try ReleaseNotifications.shared(for: endpoints[0]))
        },
        // Every client at the same priority: the queue is then FIFO, which is what fairness measures.
        ContendedPattern(name: "priority (FIFO)", servers: 1) { _, endpoints in
            PriorityLock(connection: try await connect(endpoints[0]), notifications: try ReleaseNotifications.shared(for: endpoints[0]))
        },
        ContendedPattern(name: "redlock (3 servers)", servers: 3) { _, endpoints in
            var connections: [RedisConnection] = []
            for endpoint in endpoints { connections.append(try await connect(endpoint)) }
            return Redlock(connections: connections, backoff: .fixed(.milliseconds(10)))
        },
    ]

    static func connect(_ endpoint: RedisEndpoint) async throws -> RedisConnection {
        try await RedisConnection.connect(to: endpoint, options: RedisConnectionOptions(clientName: "locktop-bench"))
    }
}
