/// Timeouts, client name and reconnect behaviour of a `RedisConnection`.
public struct RedisConnectionOptions: Sendable, Hashable {
    public var connectTimeout: Duration
    /// Bound on each blocking read or write; a paused server fails a command after this.
    public var commandTimeout: Duration
    /// Sent as `CLIENT SETNAME` so the connection is recognisable in `CLIENT LIST`.
    public var clientName: String?
    public var reconnect: ReconnectPolicy

    public init(
        connectTimeout: Duration = .seconds(2),
        commandTimeout: Duration = .seconds(2),
        clientName: String? = "locktop",
        reconnect: ReconnectPolicy = .default
    ) {
        self.connectTimeout = connectTimeout
        self.commandTimeout = commandTimeout
        self.clientName = clientName
        self.reconnect = reconnect
    }
}
