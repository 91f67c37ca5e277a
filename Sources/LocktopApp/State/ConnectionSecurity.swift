import RedisClient

/// Whether the dashboard's connection is encrypted, and whether the server was authenticated.
public enum ConnectionSecurity: Sendable, Hashable {
    case plain
    /// TLS with the server's certificate and name verified.
    case tls
    /// TLS with `--insecure`: encrypted, but the server was not verified.
    case tlsInsecure

    /// The security `tls` (an endpoint's options) gives.
    public init(_ tls: TLSOptions?) {
        guard let tls else {
            self = .plain
            return
        }
        self = tls.verifiesPeer ? .tls : .tlsInsecure
    }
}
