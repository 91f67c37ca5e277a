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
            address = try SentinelResolver.master(of: sentinel, timeout: options.connectTimeout, tls: endpoint.tls)
        }
        let context: HiredisContext
        if case .cluster(let cluster) = address {
            let connected = try connectToCluster(cluster, node: node, timeout: options.connectTimeout, tls: endpoint.tls)
            context = connected.context
            address = connected.address
        } else {
            context = try HiredisContext(address: address, timeout: options.connectTimeout, tls: endpoint.tls)
        }
        context.setTimeout(options.commandTimeout)
        let name = endpoint.description
        var isFirstCommand = true
        var mayBeTLSPort: Bool {
            guard isFirstCommand, !context.isTLS, case .tcp = address else { return false }
            return true
        }
        func handshake(_ command: RedisCommand) throws(RedisError) -> RESPValue {
            defer { isFirstCommand = false }
            do { return try context.command(command) } catch {
                switch error {
                case .timeout: throw RedisError.timeout(endpoint: name, command: command.name)
                case .tls(let reason): throw RedisError.tls(endpoint: name, reason: reason)
                case .closed(let text) where isFirstCommand && context.isTLS:
                    // A server that refuses our client certificate (or its absence) sends an alert
                    // and closes; our first command, unread, often turns that into a reset that
                    // hides the alert.
                    throw RedisError.tls(endpoint: name, reason: "the server closed the connection right after the TLS handshake (\(text)): "
                                         + "it rejected the client certificate or wants one: pass --cert and --key with a certificate its CA signed")
                case .closed(let text) where mayBeTLSPort, .protocolViolation(let text) where mayBeTLSPort:
                    // A TLS-only port drops (or answers with an alert) the first plain command.
                    throw RedisError.tls(endpoint: name, reason: "the server closed the connection at the first command (\(text)): "
                                         + "if the port speaks TLS only, use rediss:// or --tls")
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
        if isFirstCommand, context.isTLS {
            // A TLS 1.3 server refuses a client certificate after our handshake ended: one
            // round trip here makes that refusal a connect error, not the first command's.
            _ = try handshake(RedisCommand("PING"))
        }
        return context
    }
}

/// Endpoints (with their user) whose server refused CLIENT SETNAME to us.
private let namingRefused = Mutex<Set<String>>([])

extension HiredisContext {
    /// A context on `node` if given, else on the first seed that accepts; throws naming every seed tried.
    private static func connectToCluster(_ cluster: ClusterAddress, node: RedisEndpoint.Address?,
                                         timeout: Duration, tls: TLSOptions?) throws(RedisError) -> (context: HiredisContext, address: RedisEndpoint.Address) {
        if let node { return (try HiredisContext(address: node, timeout: timeout, tls: tls), node) }
        var reasons: [String] = []
        for seed in cluster.seeds {
            let address = RedisEndpoint.Address.tcp(host: seed.host, port: seed.port)
            do {
                return (try HiredisContext(address: address, timeout: timeout, tls: tls), address)
            } catch {
                if case .tls(_, let reason) = error { reasons.append("\(seed.host):\(seed.port): \(reason)") } else if case .connect(_, let reason) = error { reasons.append("\(seed.host):\(seed.port): \(reason)") } else { reasons.append("\(error)") }
            }
        }
        throw RedisError.connect(endpoint: cluster.description, reason: "no seed node answered (" + reasons.joined(separator: "; ") + ")")
    }
}
