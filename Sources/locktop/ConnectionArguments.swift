import ArgumentParser
import Foundation
import RedisClient

/// The redis-cli-like options every command that reads a Redis shares.
struct ConnectionArguments: ParsableArguments {
    @OptionGroup var server: EndpointArguments

    @Option(name: .long, help: "Glob of keys to inspect (repeatable). Default: the lock layouts locktop knows.")
    var pattern: [String] = []

    /// The endpoint these options describe; errors name what is wrong.
    func endpoint() throws -> RedisEndpoint { try server.endpoint() }
}

/// Where the Redis is: URL, or host/port/socket, database and user (redis-cli's names).
struct EndpointArguments: ParsableArguments {
    @Option(help: "Redis URL: redis://[user@]host[:port][/db] or unix:///path/to.sock[?db=N]. The password comes from REDISCLI_AUTH or LOCKTOP_PASSWORD.")
    var url: String?

    @Option(name: .customShort("h"), help: "Host (when --url is not given).")
    var host = "127.0.0.1"

    @Option(name: .short, help: "Port (when --url is not given).")
    var port = 6379

    @Option(name: .short, help: "Database index.")
    var n: Int?

    @Option(name: .short, help: "Unix socket path (instead of host and port).")
    var s: String?

    @Option(help: "ACL user name.")
    var user: String?

    @Option(help: ArgumentHelp("Find the master through these sentinels (host:port,...; port 26379 when left out); needs --master.",
                               valueName: "hosts"))
    var sentinel: String?

    @Option(help: ArgumentHelp("The master's name in the sentinels' configuration (with --sentinel).", valueName: "name"))
    var master: String?

    /// The endpoint these options describe; errors name what is wrong.
    func endpoint() throws -> RedisEndpoint {
        let environment = ProcessInfo.processInfo.environment
        var endpoint: RedisEndpoint
        if let sentinel {
            guard url == nil, s == nil else { throw ValidationError("--sentinel finds the server itself: leave out --url and -s") }
            guard let master else { throw ValidationError("--sentinel needs --master NAME, the name the sentinels monitor the master by") }
            endpoint = RedisEndpoint(address: .sentinel(try SentinelAddress(parsing: sentinel, master: master)))
            endpoint.password = RedisEndpoint.passwordEnvironmentVariables.lazy.compactMap { environment[$0] }.first { !$0.isEmpty }
        } else if master != nil {
            throw ValidationError("--master goes with --sentinel host:port[,host:port]")
        } else if let url {
            endpoint = try RedisEndpoint(url: url, environment: environment)
        } else if let s {
            endpoint = try RedisEndpoint(url: "unix://\(s)", environment: environment)
        } else {
            guard (1...65535).contains(port) else { throw ValidationError("-p must be a port between 1 and 65535") }
            endpoint = RedisEndpoint(address: .tcp(host: host, port: port))
            endpoint.password = RedisEndpoint.passwordEnvironmentVariables.lazy.compactMap { environment[$0] }.first { !$0.isEmpty }
        }
        if let n { endpoint.database = n }
        if let user { endpoint.username = user }
        return endpoint
    }
}
