extension RedisConnection {
    /// What the server is and allows this user, asked on first use and kept for the life of
    /// this connection object: `INFO server`, one `EVAL` probe, `COMMAND INFO` for the
    /// native compare-and-delete commands. A refused `INFO` or `COMMAND` leaves that part unknown (off).
    public func capabilities() throws(RedisError) -> ServerCapabilities {
        if let known = knownCapabilities { return known }
        let server = try serverInfo()
        let found = ServerCapabilities(server: server, scripting: try probeScripting(),
                                       setIfEqual: ServerCapabilities.hasSetIfEqual(server),
                                       deleteIfEqual: try probeDeleteIfEqual())
        cachedCapabilities.withLock { $0 = found }
        return found
    }

    /// What `capabilities()` found, if it was asked yet: a lock's hot path reads it without
    /// a hop onto the connection's thread.
    public nonisolated var knownCapabilities: ServerCapabilities? { cachedCapabilities.withLock { $0 } }

    /// Flavor and version from `INFO server` (asked once), without probing anything else:
    /// for a read-only session, which sends no script, not even a harmless one. `nil` when
    /// this user may not run `INFO`.
    public func serverInfo() throws(RedisError) -> ServerInfo? {
        if let cachedServerInfo { return cachedServerInfo }
        let server = try sendIfPermitted("INFO", "server")?.string.flatMap(ServerInfo.init(infoReply:))
        cachedServerInfo = .some(server)
        return server
    }

    /// Forgets what `capabilities()` found (for a caller that knows the server was replaced).
    public func forgetCapabilities() {
        cachedCapabilities.withLock { $0 = nil }
        cachedServerInfo = nil
    }

    /// A harmless script: refused (ACL `-@scripting`, `NOPERM`) or unknown (`EVAL` renamed
    /// away) means no Lua; any other error (a script killed, a busy server) is not a verdict and throws.
    private func probeScripting() throws(RedisError) -> Bool {
        do {
            try send("EVAL", "return 1", 0)
            return true
        } catch {
            guard let message = error.serverMessage, Self.isRefusal(message) || message.hasPrefix("NOSCRIPT") else { throw error }
            return false
        }
    }

    /// `COMMAND INFO name` answers a nil entry for a command the server does not have.
    private func probeDeleteIfEqual() throws(RedisError) -> ServerCapabilities.DeleteIfEqual? {
        guard let reply = try sendIfPermitted("COMMAND", "INFO", "DELIFEQ", "DELEX")?.array, reply.count == 2 else { return nil }
        if !reply[0].isNull { return .delIfEq }
        if !reply[1].isNull { return .delEx }
        return nil
    }
}
