import ArgumentParser
import Foundation
import LockInspector
import LocktopApp
import RedisClient

/// The redis-cli-like options every command that reads a Redis shares.
struct ConnectionArguments: ParsableArguments {
    @OptionGroup var server: EndpointArguments

    @Option(name: .long, help: "Glob of keys to inspect (repeatable). Default: the profile's, else the lock layouts locktop knows.")
    var pattern: [String] = []

    /// The patterns given, else `profile`'s (empty: the known layouts).
    func patterns(profile: ConnectionProfile?) -> [String] {
        pattern.isEmpty ? profile?.patterns ?? [] : pattern
    }
}

/// Where the Redis is: a profile, a URL, or host/port/socket, database and user (redis-cli's
/// names). Flags win over the profile's settings.
struct EndpointArguments: ParsableArguments {
    @Option(name: [.customShort("P"), .customLong("profile")],
            help: ArgumentHelp("Connection profile from $XDG_CONFIG_HOME/locktop/config.toml (~/.config/locktop/config.toml): [profiles.NAME] with url or sentinel+master, db, user, password_env, patterns, read_only, theme, refresh, tls, cacert, cacertdir, cert, key, sni, insecure.",
                               valueName: "name"))
    var profileName: String?

    @Option(help: "Redis URL: redis://[user@]host[:port][/db], rediss://... (TLS) or unix:///path/to.sock[?db=N]. The password comes from REDISCLI_AUTH or LOCKTOP_PASSWORD. The dashboard and `locktop list` take it several times for independent Redlock servers.")
    var url: [String] = []

    @Option(name: .customShort("h"), help: "Host (when --url is not given; default 127.0.0.1).")
    var host: String?

    @Option(name: .short, help: "Port (when --url is not given; default 6379).")
    var port: Int?

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

    @Flag(help: "The server is a Redis Cluster node: scan every master at once and send actions to the slot's master (detected with INFO cluster when left out).")
    var cluster = false

    @OptionGroup(title: "TLS") var tls: TLSArguments

    /// The profile `-P` names, read from the configuration file; nil without `-P`.
    func loadProfile() throws -> ConnectionProfile? {
        guard let profileName else { return nil }
        return try ProfileStore.profile(named: profileName, environment: ProcessInfo.processInfo.environment)
    }

    /// The endpoint these options and `profile` (from `loadProfile`, read once per command) describe;
    /// errors name what is wrong.
    func endpoint(profile: ConnectionProfile?) throws -> RedisEndpoint {
        guard url.count <= 1 else {
            throw ValidationError("--url was given \(url.count) times: only the dashboard and `locktop list` compare several independent servers (Redlock)")
        }
        let flags = EndpointFlags(url: url.first, host: host, port: port, socket: s, database: n, user: user,
                                  sentinel: sentinel, master: master, cluster: cluster, tls: tls.flags)
        return try flags.endpoint(profile: profile, environment: ProcessInfo.processInfo.environment)
    }

    /// `endpoint(profile:)`, as a cluster endpoint when the server says it is a cluster node
    /// (`INFO cluster`); as given when it cannot be asked now (the caller reports that or retries).
    func detectingCluster(profile: ConnectionProfile?) async throws -> RedisEndpoint {
        let given = try endpoint(profile: profile)
        do { return try await ClusterTopology.resolve(given, forced: false) } catch { return given }
    }

    /// One endpoint per --url (several for a Redlock over independent servers), else the one endpoint.
    func endpoints(profile: ConnectionProfile?) throws -> [RedisEndpoint] {
        guard url.count > 1 else { return [try endpoint(profile: profile)] }
        let environment = ProcessInfo.processInfo.environment
        return try url.map { try EndpointFlags(url: $0, database: n, user: user, tls: tls.flags).endpoint(profile: nil, environment: environment) }
    }
}
