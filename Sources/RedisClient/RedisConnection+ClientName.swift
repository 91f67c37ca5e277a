extension RedisConnection {
    /// The name the server knows this connection by (`CLIENT SETNAME`), as last given.
    public var clientName: String? { clientNameOverride ?? options.clientName }

    /// Names the connection `name` now and after every reconnect. Best effort: a user refused
    /// `CLIENT SETNAME`, or a name the server rejects, leaves the old name and throws nothing.
    public func setClientName(_ name: String) throws(RedisError) {
        guard clientName != name else { return }
        clientNameOverride = name
        do {
            _ = try sendIfPermitted("CLIENT", "SETNAME", name)
        } catch {
            // A name with characters the server refuses: keep the connection as it was named.
            guard error.serverMessage != nil else { throw error }
            clientNameOverride = nil
        }
    }
}
