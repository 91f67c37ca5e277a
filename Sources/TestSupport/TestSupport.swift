@_exported import PostgresServerKit
@_exported import RedisServerKit
@_exported import ServerProcessKit
import RedisClient

extension RedisServer {
    /// A fresh connection to this server with short timeouts, as tests want.
    public func connect(
        commandTimeout: Duration = .seconds(2),
        reconnect: ReconnectPolicy = .default
    ) async throws -> RedisConnection {
        let options = RedisConnectionOptions(connectTimeout: .seconds(2), commandTimeout: commandTimeout, clientName: "locktop-test", reconnect: reconnect)
        return try await RedisConnection.connect(to: endpoint, options: options)
    }

    /// A connection that gives up at once when the server is gone, so a stopped server
    /// shows as unreachable in one attempt instead of after the reconnect backoff.
    public func connectOnce(commandTimeout: Duration = .seconds(2)) async throws -> RedisConnection {
        try await connect(commandTimeout: commandTimeout, reconnect: ReconnectPolicy(attemptsPerCommand: 1))
    }
}
