import RedisClient

/// Where Redis is, as the command line said it; nil where a flag was not given, so a
/// profile can fill in exactly what the flags left out.
public struct EndpointFlags: Sendable, Hashable {
    public var url: String?
    public var host: String?
    public var port: Int?
    public var socket: String?
    public var database: Int?
    public var user: String?
    public var sentinel: String?
    public var master: String?
    /// `--cluster`: the server is a Redis Cluster node.
    public var cluster: Bool
    /// `--tls`, `--cacert`, ...: TLS for every connection to the server (sentinels and cluster nodes too).
    public var tls: TLSFlags

    public init(url: String? = nil, host: String? = nil, port: Int? = nil, socket: String? = nil, database: Int? = nil,
                user: String? = nil, sentinel: String? = nil, master: String? = nil, cluster: Bool = false, tls: TLSFlags = TLSFlags()) {
        self.tls = tls
        self.url = url
        self.host = host
        self.port = port
        self.socket = socket
        self.database = database
        self.user = user
        self.sentinel = sentinel
        self.master = master
        self.cluster = cluster
    }

    /// Any flag that says which server: then the profile's url or sentinel is not used at all.
    var choosesServer: Bool {
        url != nil || host != nil || port != nil || socket != nil || sentinel != nil || master != nil
    }

    /// The endpoint: flags win over `profile`, which wins over 127.0.0.1:6379. The password comes
    /// from the URL, else the profile's `password_env` variable, else REDISCLI_AUTH or LOCKTOP_PASSWORD.
    public func endpoint(profile: ConnectionProfile?, environment: [String: String]) throws(EndpointSettingsError) -> RedisEndpoint {
        var endpoint = try server(profile: choosesServer ? nil : profile)
        if let database = database ?? profile?.database { endpoint.database = database }
        if let user = user ?? profile?.user { endpoint.username = user }
        if endpoint.password == nil, let variable = profile?.passwordEnvironmentVariable {
            guard let password = environment[variable], !password.isEmpty else {
                throw EndpointSettingsError("profile \(profile?.name ?? "?") reads the password from $\(variable), which is not set")
            }
            endpoint.password = password
        }
        if endpoint.password == nil {
            endpoint.password = RedisEndpoint.passwordEnvironmentVariables.lazy.compactMap { environment[$0] }.first { !$0.isEmpty }
        }
        // A profile's TLS goes with its server: not over a server the flags chose.
        endpoint.tls = tls.over(choosesServer ? nil : profile?.tls).options(current: endpoint.tls, environment: environment)
        if endpoint.tls != nil, case .unix = endpoint.address {
            throw EndpointSettingsError("TLS (--tls, rediss://, --cacert, ...) needs a TCP server: leave it out for a unix socket")
        }
        guard cluster else { return endpoint }
        do { return try endpoint.asCluster() } catch { throw EndpointSettingsError("--cluster: \(error.message)") }
    }

    private func server(profile: ConnectionProfile?) throws(EndpointSettingsError) -> RedisEndpoint {
        let url = self.url ?? profile?.url
        let sentinel = self.sentinel ?? profile?.sentinel
        let master = self.master ?? profile?.master
        do {
            if let sentinel {
                guard url == nil, socket == nil else { throw EndpointSettingsError("--sentinel finds the server itself: leave out --url and -s") }
                guard let master else { throw EndpointSettingsError("--sentinel needs --master NAME, the name the sentinels monitor the master by") }
                return RedisEndpoint(address: .sentinel(try SentinelAddress(parsing: sentinel, master: master)))
            }
            guard master == nil else { throw EndpointSettingsError("--master goes with --sentinel host:port[,host:port]") }
            if url == nil, socket == nil, let seeds = profile?.cluster {
                return RedisEndpoint(address: .cluster(try ClusterAddress(parsing: seeds)))
            }
            // The environment is applied by `endpoint`, after the profile had its say.
            if let url { return try RedisEndpoint(url: url) }
            if let socket { return try RedisEndpoint(url: "unix://\(socket)") }
        } catch let error as EndpointSettingsError {
            throw error
        } catch {
            throw EndpointSettingsError("\(error)")
        }
        let port = self.port ?? 6379
        guard (1...65535).contains(port) else { throw EndpointSettingsError("-p must be a port between 1 and 65535") }
        return .tcp(host ?? "127.0.0.1", port: port)
    }
}

/// Connection settings that do not make an endpoint; the message says what to change.
public struct EndpointSettingsError: Error, Hashable, Sendable, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}
