import Foundation
import ServerProcessKit
import RedisClient
import Synchronization

/// A private `redis-server` process for tests, benchmarks and the demo: no persistence,
/// loopback or a temporary unix socket. It can be stopped, killed, paused (SIGSTOP),
/// resumed and restarted on the same address, and it never outlives the process that
/// started it (a watchdog shell kills it when our end of its stdin closes).
public final class RedisServer: Sendable {
    /// How clients reach the server.
    public enum Transport: Sendable { case tcp, unixSocket }

    /// Marker in the server's process title, so stray servers can be found and killed.
    public static let processMarker = "locktop-owned"

    public let endpoint: RedisEndpoint
    /// Folder holding the socket, the log and nothing else; removed by `stop()`.
    public let directory: URL
    private let extraArguments: [String]
    /// TLS-only on the reserved port when set.
    public let tls: RedisTLSSettings?
    /// Keeps the TCP port ours while this value lives, so a restart finds it free and a
    /// stopped server's port refuses rather than reaching another test's server.
    private let port: PortReservation?
    private let running = Mutex<RedisServerProcess?>(nil)
    /// The server software it runs.
    public let kind: ServerKind

    private init(endpoint: RedisEndpoint, directory: URL, extraArguments: [String], port: PortReservation?,
                 tls: RedisTLSSettings? = nil, kind: ServerKind = .redis) {
        self.endpoint = endpoint
        self.kind = kind
        self.tls = tls
        self.directory = directory
        self.extraArguments = extraArguments
        self.port = port
    }

    deinit {
        running.withLock { $0?.killNow() }
        try? FileManager.default.removeItem(at: directory)
    }

    /// The URL `--url` (and the test agents) take for this server.
    public var url: String {
        switch endpoint.address {
        case .tcp(let host, let port): "\(tls == nil ? "redis" : "rediss")://\(host):\(port)"
        case .unix(let path): "unix://\(path)"
        case .sentinel(let sentinel): sentinel.description
        case .cluster(let cluster): cluster.seeds.first.map { "redis://\($0.host):\($0.port)" } ?? cluster.description
        }
    }

    /// Starts a server and returns once it accepts connections.
    ///
    /// `arguments` are extra `redis-server` options, e.g. `["--notify-keyspace-events", "KEA"]`.
    public static func start(transport: Transport = .tcp, arguments: [String] = []) async throws(RedisServerError) -> RedisServer {
        try await start(transport: transport, tls: nil, arguments: arguments)
    }

    /// Starts a server of `kind` (Redis or Valkey); a missing binary throws `.missing` saying how to install it.
    public static func start(_ kind: ServerKind, transport: Transport = .tcp, arguments: [String] = []) async throws(RedisServerError) -> RedisServer {
        try await start(transport: transport, tls: nil, arguments: arguments, kind: kind)
    }

    /// Starts a server that speaks only TLS (`--port 0 --tls-port P`) and returns once it
    /// accepts connections; its `endpoint` carries the client options that trust it.
    public static func start(tls: RedisTLSSettings, arguments: [String] = []) async throws(RedisServerError) -> RedisServer {
        try await start(transport: .tcp, tls: tls, arguments: arguments)
    }

    private static func start(transport: Transport, tls: RedisTLSSettings?, arguments: [String],
                              kind: ServerKind = .redis) async throws(RedisServerError) -> RedisServer {
        var lastError = RedisServerError.launch("no attempt made")
        // A process that is not ours can still take a reserved port before the server binds it: try a few.
        for _ in 0..<5 {
            let directory = FileManager.default.temporaryDirectory.appendingPathComponent("locktop-redis-\(UUID().uuidString.prefix(8))")
            do {
                try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            } catch {
                throw .launch("cannot create \(directory.path): \(error)")
            }
            let port = transport == .tcp ? try reservePort() : nil
            var endpoint: RedisEndpoint = port.map { .tcp("127.0.0.1", port: $0.port) }
                ?? .unix(directory.appendingPathComponent("redis.sock").path)
            endpoint.tls = tls?.clientOptions
            let server = RedisServer(endpoint: endpoint, directory: directory, extraArguments: arguments, port: port, tls: tls, kind: kind)
            do {
                try await server.launch()
                return server
            } catch {
                lastError = error
                switch error {
                case .launch, .missing: throw error
                case .exited: break
                }
            }
        }
        throw lastError
    }

    /// Starts `count` independent servers (Redlock needs several).
    public static func startMany(_ count: Int, transport: Transport = .tcp, tls: RedisTLSSettings? = nil,
                                 arguments: [String] = [], kind: ServerKind = .redis) async throws(RedisServerError) -> [RedisServer] {
        var servers: [RedisServer] = []
        for _ in 0..<count { servers.append(try await start(transport: transport, tls: tls, arguments: arguments, kind: kind)) }
        return servers
    }

    /// The process id of the running server, if any.
    public var pid: Int32? { running.withLock { $0?.pid } }

    /// SIGTERM, wait until the process is gone, and remove its folder (a stopped server is not restarted).
    public func stop() async {
        await end(signal: SIGTERM)
        try? FileManager.default.removeItem(at: directory)
    }

    /// SIGKILL (a crash) and wait until the process is gone.
    public func kill() async { await end(signal: SIGKILL) }

    /// SIGSTOP: the server keeps its sockets but answers nothing.
    public func pause() { running.withLock { $0?.send(SIGSTOP) } }

    /// SIGCONT after `pause()`.
    public func resume() { running.withLock { $0?.send(SIGCONT) } }

    /// Kills the server if it runs and starts a fresh one on the same address (data is lost).
    public func restart() async throws(RedisServerError) {
        await kill()
        try await launch()
    }

    private func end(signal: Int32) async {
        guard let process = running.withLock({ current in defer { current = nil }; return current }) else { return }
        await process.end(with: signal)
    }

    private func launch() async throws(RedisServerError) {
        var arguments = ["--save", "", "--appendonly", "no", "--daemonize", "no", "--dir", directory.path,
                         "--protected-mode", "no", "--proc-title-template", "{title} {listen-addr} \(Self.processMarker)"]
        switch endpoint.address {
        case .tcp(let host, let port) where tls != nil:
            arguments += ["--bind", host] + (tls?.serverArguments(port: port) ?? [])
        case .tcp(let host, let port): arguments += ["--bind", host, "--port", String(port)]
        case .unix(let path):
            try? FileManager.default.removeItem(atPath: path)
            arguments += ["--port", "0", "--unixsocket", path, "--unixsocketperm", "700"]
        case .sentinel, .cluster:
            throw .launch("a private server listens on TCP or a unix socket, not behind Sentinel or as a cluster address")
        }
        let process = try RedisServerProcess.launch(arguments: arguments + extraArguments, folder: directory.path, kind: kind)
        try await process.waitUntilReady()
        running.withLock { $0 = process }
    }

    static func reservePort() throws(RedisServerError) -> PortReservation {
        do { return try PortReservation.next() } catch { throw .launch(error.description) }
    }
}

/// Why a private server could not be started.
public enum RedisServerError: Error, Sendable, CustomStringConvertible {
    /// The binary is missing or the folder cannot be made: retrying will not help.
    case launch(String)
    /// The server exited before it was ready; `log` is what it printed.
    case exited(log: String)
    /// The binary of `kind` is not installed.
    case missing(ServerKind)

    public var description: String {
        switch self {
        case .launch(let reason):
            return "cannot start redis-server: \(reason). Install it with 'apt-get install -y redis-server' (make test does)."
        case .exited(let log):
            return "redis-server exited before accepting connections:\n\(log.suffix(2000))"
        case .missing(let kind):
            return "\(kind)-server is not installed: \(kind.installHint)."
        }
    }
}
