import Synchronization

extension HiredisContext {
    /// Connects, then AUTH, SELECT and CLIENT SETNAME; every step bounded by the timeouts.
    /// Under Sentinel, first asks the sentinels where the master is, and checks with ROLE that
    /// the server found is still the master (it is not for a moment during a failover).
    /// In a cluster, connects to `node` (where a redirection pointed), else to the first seed that answers.
    static func open(_ endpoint: RedisEndpoint, _ options: RedisConnectionOptions,
                     node: RedisEndpoint.Address? = nil) throws(RedisError) -> HiredisContext {
        var address = endpoint.address
        if case .sentinel(let sentinel) = address {
            address = try SentinelResolver.master(of: sentinel, timeout: options.connectTimeout)
        }
        let context: HiredisContext
        if case .cluster(let cluster) = address {
            let connected = try connectToCluster(cluster, node: node, timeout: options.connectTimeout)
            context = connected.context
            address = connected.address
        } else {
            context = try HiredisContext(address: address, timeout: options.connectTimeout)
        }
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
        if case .sentinel(let sentinel) = endpoint.address {
            let role = try handshake(RedisCommand("ROLE"))
            guard case .array(let parts) = role, parts.first?.string == "master" else {
                throw RedisError.connect(endpoint: name, reason: "\(RedisEndpoint(address: address)) is not the master of \(sentinel.master) "
                                         + "(a failover is in progress; the sentinels will name the new master)")
            }
        }
        if let clientName = options.clientName, !namingRefused.withLock({ $0.contains(name) }) {
            // Best effort: a restricted ACL user may not be allowed CLIENT SETNAME. Once refused,
            // it is not asked again on the next connections to the same server as the same user.
            if case .error(let message) = try handshake(RedisCommand("CLIENT", "SETNAME", clientName)),
               RedisConnection.isRefusal(message) {
                namingRefused.withLock { _ = $0.insert(name) }
            }
        }
        return context
    }
}

/// Endpoints (with their user) whose server refused CLIENT SETNAME to us.
private let namingRefused = Mutex<Set<String>>([])

extension HiredisContext {
    /// A context on `node` if given, else on the first seed that accepts; throws naming every seed tried.
    private static func connectToCluster(_ cluster: ClusterAddress, node: RedisEndpoint.Address?,
                                         timeout: Duration) throws(RedisError) -> (context: HiredisContext, address: RedisEndpoint.Address) {
        if let node { return (try HiredisContext(address: node, timeout: timeout), node) }
        var reasons: [String] = []
        for seed in cluster.seeds {
            let address = RedisEndpoint.Address.tcp(host: seed.host, port: seed.port)
            do {
                return (try HiredisContext(address: address, timeout: timeout), address)
            } catch {
                if case .connect(_, let reason) = error { reasons.append("\(seed.host):\(seed.port): \(reason)") } else { reasons.append("\(error)") }
            }
        }
        throw RedisError.connect(endpoint: cluster.description, reason: "no seed node answered (" + reasons.joined(separator: "; ") + ")")
    }
}
