import RedisClient

/// Connections of the demo's scenario clients, each named so `CLIENT LIST` tells them apart.
enum DemoConnections {
    static func open(_ endpoint: RedisEndpoint, name: String) async throws -> RedisConnection {
        try await RedisConnection.connect(to: endpoint, options: RedisConnectionOptions(clientName: "locktop-demo-\(name)"))
    }
}
