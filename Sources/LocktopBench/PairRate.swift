import RedisClient

/// How fast an acquire-release pair runs in a loop, the way every lock benchmark measures it.
enum PairRate {
    /// Runs `pair` for `seconds` on the connection's own thread; pairs per second.
    static func perSecond(on connection: RedisConnection, seconds: Double,
                          _ pair: () async throws -> Void) async throws -> Double {
        try await withTaskExecutorPreference(connection.executor) {
            let clock = ContinuousClock()
            let start = clock.now
            let deadline = start + .milliseconds(Int(seconds * 1000))
            var pairs = 0
            while clock.now < deadline {
                for _ in 0..<50 { try await pair() }
                pairs += 50
            }
            return Double(pairs) / (clock.now - start).seconds
        }
    }
}
