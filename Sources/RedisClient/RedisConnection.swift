import Foundation
import Synchronization

/// One connection to Redis. Its blocking hiredis calls run on a thread of its own (the
/// actor's executor), never on Swift's cooperative pool.
///
/// A command in flight when the connection drops fails with `RedisError.closed` or
/// `.timeout`: it is not retried, because it may have run. The next command reconnects,
/// following the `ReconnectPolicy` (capped exponential backoff with jitter).
public actor RedisConnection {
    public nonisolated let endpoint: RedisEndpoint
    public nonisolated let options: RedisConnectionOptions
    /// The dedicated thread; pass it to `withTaskExecutorPreference` to run a client loop
    /// on the same thread and skip the thread hop per command.
    public nonisolated let executor: ThreadExecutor

    private var context: HiredisContext?
    /// On a cluster, the node the last MOVED redirection named; `nil` before any.
    private var clusterNode: RedisEndpoint.Address?
    private var hasConnected = false
    private var consecutiveFailures = 0
    private var generator = SystemRandomNumberGenerator()
    /// How many times the connection was re-established after a loss.
    public private(set) var reconnectCount = 0
    /// Commands (with their subcommand) this user was refused; see `sendIfPermitted`.
    var refusedCommands: Set<String> = []
    /// What `capabilities()` found; kept per connection so it is asked once, and readable
    /// without a hop onto the connection's thread (`knownCapabilities`).
    nonisolated let cachedCapabilities = Mutex<ServerCapabilities?>(nil)
    /// What `serverInfo()` found (`.some(nil)`: INFO refused).
    var cachedServerInfo: ServerInfo??
    /// The name `setClientName` gave, sent instead of `options.clientName` from then on.
    var clientNameOverride: String?

    public nonisolated var unownedExecutor: UnownedSerialExecutor { executor.asUnownedSerialExecutor() }

    public init(endpoint: RedisEndpoint, options: RedisConnectionOptions = RedisConnectionOptions()) {
        self.endpoint = endpoint
        self.options = options
        self.executor = ThreadExecutor(name: "redis \(endpoint)")
    }

    deinit { executor.shutdown() }

    /// Creates a connection and connects once, failing fast if the server is not there.
    public static func connect(
        to endpoint: RedisEndpoint,
        options: RedisConnectionOptions = RedisConnectionOptions()
    ) async throws(RedisError) -> RedisConnection {
        let connection = RedisConnection(endpoint: endpoint, options: options)
        try await connection.connectNow()
        return connection
    }

    /// `true` while a context is open (it may still find the server gone on the next command).
    public var isConnected: Bool { context != nil }

    /// Connects now if not connected; one attempt.
    public func connectNow() throws(RedisError) {
        guard context == nil else { return }
        context = try openContext()
        hasConnected = true
    }

    /// Closes the connection; a later command opens a new one.
    public func close() {
        context = nil
    }

    /// Sends one command and returns its reply; an error reply throws `RedisError.server`.
    @discardableResult
    public func send(_ command: RedisCommand) throws(RedisError) -> RESPValue {
        let reply = try execute(command)
        if case .error(let message) = reply { throw refusal(command.name, message) }
        return reply
    }

    /// Sends `name` with `arguments`; shorthand for `send(RedisCommand(...))`.
    @discardableResult
    public func send(_ name: String, _ arguments: any RedisArgument...) throws(RedisError) -> RESPValue {
        try send(RedisCommand(name, arguments: arguments))
    }

    /// Sends every command in one write and reads the replies in order. Error replies come
    /// back as `.error` values in their place; only a connection failure throws.
    public func pipeline(_ commands: [RedisCommand]) throws(RedisError) -> [RESPValue] {
        guard !commands.isEmpty else { return [] }
        let label = commands.count == 1 ? commands[0].name : "pipeline of \(commands.count) (\(commands[0].name)...)"
        var replies = try withContext(label) { context throws(HiredisFailure) in
            for command in commands { try context.append(command) }
            var replies: [RESPValue] = []
            replies.reserveCapacity(commands.count)
            for _ in commands { replies.append(try context.readReply()) }
            return replies
        }
        guard endpoint.isCluster else { return replies }
        // Commands for keys on other nodes were not run: send each on to its node.
        for (index, reply) in replies.enumerated() where reply.clusterRedirect != nil {
            replies[index] = try execute(commands[index])
        }
        return replies
    }

    /// Runs a Lua script with EVALSHA, loading it first if the server does not know it.
    @discardableResult
    /// On a cluster, keys in different slots are refused before anything is sent (CROSSSLOT, naming each key's slot).
    public func run(_ script: RedisScript, keys: [any RedisArgument] = [], arguments: [any RedisArgument] = []) throws(RedisError) -> RESPValue {
        if endpoint.isCluster, let problem = Self.crossSlotProblem(keys) {
            throw .server(endpoint: endpoint.description, command: "EVALSHA \(script.name)", message: problem)
        }
        let command = script.evalSHA(keys: keys, arguments: arguments)
        let first = try execute(command)
        guard case .error(let message) = first else { return first }
        guard message.hasPrefix("NOSCRIPT") else { throw refusal("EVALSHA \(script.name)", message) }
        try send(RedisCommand("SCRIPT", "LOAD", script.source))
        let second = try execute(command)
        if case .error(let message) = second { throw refusal("EVALSHA \(script.name)", message) }
        return second
    }

    /// An error reply as a typed error; NOAUTH means the credentials are missing, not the command wrong.
    /// Under Sentinel, READONLY means our server was demoted by a failover: the next command
    /// connects to the new master.
    private func refusal(_ commandName: String, _ message: String) -> RedisError {
        if message.hasPrefix("READONLY"), endpoint.followsFailover { context = nil }
        if message.hasPrefix("NOAUTH") {
            return .authentication(endpoint: endpoint.description, user: endpoint.username, reason: message)
        }
        if message.hasPrefix("CROSSSLOT") {
            return .server(endpoint: endpoint.description, command: commandName, message: message
                           + " (on Redis Cluster every key of one command or script needs the same hash tag, as in lock:{resource})")
        }
        if !endpoint.isCluster, ClusterRedirect(errorReply: message) != nil {
            return .server(endpoint: endpoint.description, command: commandName, message: message
                           + " (this server is a Redis Cluster node: connect with --cluster, or RedisEndpoint.asCluster())")
        }
        return .server(endpoint: endpoint.description, command: commandName, message: message)
    }

    // MARK: - Cluster redirections

    /// Most redirections one command follows (a slot moves at most once or twice in a resharding).
    static let maximumRedirects = 5

    /// Sends `command` and returns its reply, error replies included. On a cluster, a MOVED
    /// reply moves this connection to the named node and sends it again there; an ASK reply
    /// sends it once to the named node after ASKING (the slot is migrating).
    private func execute(_ command: RedisCommand) throws(RedisError) -> RESPValue {
        var reply = try withContext(command.name) { context throws(HiredisFailure) in try context.command(command) }
        guard endpoint.isCluster else { return reply }
        for _ in 0..<Self.maximumRedirects {
            guard let redirect = reply.clusterRedirect else { return reply }
            let target = RedisEndpoint.Address.tcp(host: redirect.host.isEmpty ? currentClusterHost : redirect.host, port: redirect.port)
            switch redirect.kind {
            case .moved:
                context = nil
                clusterNode = target
                context = try openContext()
                reply = try withContext(command.name) { context throws(HiredisFailure) in try context.command(command) }
            case .ask:
                let asked = try HiredisContext.open(endpoint, options, node: target)
                do {
                    _ = try asked.command(RedisCommand("ASKING"))
                    reply = try asked.command(command)
                } catch {
                    throw map(error, command.name)
                }
            }
        }
        return reply
    }

    /// Why `keys` cannot go to one cluster node together, or `nil` when they share a slot.
    static func crossSlotProblem(_ keys: [any RedisArgument]) -> String? {
        let bytes = keys.map(\.redisBytes)
        let slots = bytes.map(HashSlot.of)
        guard Set(slots).count > 1 else { return nil }
        let listed = zip(bytes, slots).map { "\(String(decoding: $0, as: UTF8.self)) -> slot \($1)" }.joined(separator: ", ")
        return "CROSSSLOT the script's keys hash to different slots (\(listed)); on Redis Cluster every key of one script "
            + "needs the same hash tag, as KeySchema's default layout gives (lock:{resource}, lock:queue:{resource}); "
            + "the guide's untagged layout cannot run there"
    }

    /// The host of the node this connection is on, for a redirection that names only a port.
    private var currentClusterHost: String {
        if case .tcp(let host, _) = clusterNode { return host }
        if case .cluster(let cluster) = endpoint.address, let seed = cluster.seeds.first { return seed.host }
        return "127.0.0.1"
    }

    // MARK: - Context lifecycle

    func withContext<T>(_ commandName: String, _ body: (HiredisContext) throws(HiredisFailure) -> T) throws(RedisError) -> T {
        let context = try currentContext()
        do {
            return try body(context)
        } catch {
            // hiredis cannot reuse a context after any error: drop it, reconnect next time.
            self.context = nil
            throw map(error, commandName)
        }
    }

    private func map(_ failure: HiredisFailure, _ commandName: String) -> RedisError {
        switch failure {
        case .timeout: .timeout(endpoint: endpoint.description, command: commandName)
        case .closed: .closed(endpoint: endpoint.description, command: commandName)
        case .protocolViolation(let reason): .protocolViolation(endpoint: endpoint.description, command: commandName, reason: reason)
        case .tls(let reason): .tls(endpoint: endpoint.description, reason: reason)
        }
    }

    private func currentContext() throws(RedisError) -> HiredisContext {
        if let context { return context }
        guard hasConnected else {
            try connectNow()
            return try currentContext()
        }
        var lastError = RedisError.connect(endpoint: endpoint.description, reason: "not connected")
        for _ in 0..<options.reconnect.attemptsPerCommand {
            let delay = options.reconnect.delay(afterFailures: consecutiveFailures, using: &generator)
            if delay > .zero { Thread.sleep(forTimeInterval: delay.seconds) }
            if Task.isCancelled { break }
            do {
                let fresh = try openContext()
                context = fresh
                consecutiveFailures = 0
                reconnectCount += 1
                return fresh
            } catch {
                consecutiveFailures += 1
                lastError = error
                // Credentials or database wrong: waiting will not fix it.
                if case .authentication = error { break }
            }
        }
        throw lastError
    }

    private func openContext() throws(RedisError) -> HiredisContext {
        var options = options
        if let clientNameOverride { options.clientName = clientNameOverride }
        guard let node = clusterNode else { return try HiredisContext.open(endpoint, options) }
        do {
            return try HiredisContext.open(endpoint, options, node: node)
        } catch {
            // The node we were sent to is gone (failover, resharding): start from the seeds again.
            clusterNode = nil
            return try HiredisContext.open(endpoint, options)
        }
    }
}
