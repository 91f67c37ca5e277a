/// A named set of connection and dashboard settings from `config.toml` (`locktop -P NAME`).
/// Every field is optional: what a profile leaves out, the flags or the defaults decide.
public struct ConnectionProfile: Sendable, Hashable {
    public var name: String
    /// `redis://` or `unix://` URL.
    public var url: String?
    /// Sentinels `host:port,...`, with `master`.
    public var sentinel: String?
    public var master: String?
    /// Redis Cluster seed nodes `host:port,...`.
    public var cluster: String?
    public var database: Int?
    public var user: String?
    /// The environment variable that holds the password (so the file never has to).
    public var passwordEnvironmentVariable: String?
    public var patterns: [String]?
    /// `true` forces read-only: no flag can turn it off.
    public var readOnly: Bool?
    public var theme: String?
    /// Polling interval in seconds.
    public var refresh: Double?
    /// `tls = true`, `cacert`, `cacertdir`, `cert`, `key`, `sni`, `insecure`: as the flags of the same names.
    public var tls: TLSFlags?

    public init(name: String) { self.name = name }
}
