extension HiredisContext {
    /// Connects, then AUTH, SELECT and CLIENT SETNAME; every step bounded by the timeouts.
    static func open(_ endpoint: RedisEndpoint, _ options: RedisConnectionOptions) throws(RedisError) -> HiredisContext {
        let context = try HiredisContext(address: endpoint.address, timeout: options.connectTimeout)
        context.setTimeout(options.commandTimeout)
        let name = endpoint.description
        func handshake(_ command: RedisCommand) throws(RedisError) -> RESPValue {
            do { return try context.command(command) } catch {
                switch error {
                case .timeout: throw RedisError.timeout(endpoint: name, command: command.name)
                default: throw RedisError.connect(endpoint: name, reason: "connection lost during \(command.name): \(error)")
                }
            }
        }
        if let password = endpoint.password {
            let auth = endpoint.username.map { RedisCommand("AUTH", $0, password) } ?? RedisCommand("AUTH", password)
            if case .error(let message) = try handshake(auth) {
                throw RedisError.authentication(endpoint: name, user: endpoint.username, reason: message)
            }
        } else if endpoint.username != nil {
            throw RedisError.authentication(
                endpoint: name, user: endpoint.username,
                reason: "a user name was given but no password; set REDISCLI_AUTH or LOCKTOP_PASSWORD")
        }
        if endpoint.database != 0, case .error(let message) = try handshake(RedisCommand("SELECT", endpoint.database)) {
            if message.hasPrefix("NOAUTH") {
                throw RedisError.authentication(endpoint: name, user: endpoint.username, reason: message)
            }
            throw RedisError.connect(endpoint: name, reason: "cannot select database \(endpoint.database): \(message)")
        }
        if let clientName = options.clientName {
            // Best effort: a restricted ACL user may not be allowed CLIENT SETNAME.
            _ = try handshake(RedisCommand("CLIENT", "SETNAME", clientName))
        }
        return context
    }
}
