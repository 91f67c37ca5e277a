import RedisClient

/// The TLS settings of the command line (redis-cli's names) or of a profile: nil where not given.
public struct TLSFlags: Sendable, Hashable {
    /// `--tls` / `tls = true`.
    public var enabled: Bool?
    /// `--cacert FILE` / `cacert`.
    public var caFile: String?
    /// `--cacertdir DIR` / `cacertdir`.
    public var caDirectory: String?
    /// `--cert FILE` / `cert`.
    public var certificate: String?
    /// `--key FILE` / `key`.
    public var key: String?
    /// `--sni NAME` / `sni`.
    public var serverName: String?
    /// `--insecure` / `insecure = true`.
    public var insecure: Bool?

    public init(enabled: Bool? = nil, caFile: String? = nil, caDirectory: String? = nil, certificate: String? = nil,
                key: String? = nil, serverName: String? = nil, insecure: Bool? = nil) {
        self.enabled = enabled
        self.caFile = caFile
        self.caDirectory = caDirectory
        self.certificate = certificate
        self.key = key
        self.serverName = serverName
        self.insecure = insecure
    }

    /// Whether any setting besides `enabled` was given: they only make sense over TLS, so they turn it on.
    var givesDetails: Bool {
        caFile != nil || caDirectory != nil || certificate != nil || key != nil || serverName != nil || insecure == true
    }

    /// These flags over `fallback` (a profile's), field by field.
    func over(_ fallback: TLSFlags?) -> TLSFlags {
        TLSFlags(enabled: enabled ?? fallback?.enabled, caFile: caFile ?? fallback?.caFile,
                 caDirectory: caDirectory ?? fallback?.caDirectory, certificate: certificate ?? fallback?.certificate,
                 key: key ?? fallback?.key, serverName: serverName ?? fallback?.serverName, insecure: insecure ?? fallback?.insecure)
    }

    /// The TLS options when TLS is on (asked for, implied by a detail, or by a `rediss://` URL
    /// whose options are `current`), else nil. The key's passphrase comes from the environment only.
    public func options(current: TLSOptions?, environment: [String: String]) -> TLSOptions? {
        guard enabled == true || givesDetails || current != nil else { return nil }
        var options = current ?? TLSOptions()
        if let caFile { options.caFile = caFile }
        if let caDirectory { options.caDirectory = caDirectory }
        if let certificate { options.certificateFile = certificate }
        if let key { options.keyFile = key }
        if let serverName { options.serverName = serverName }
        if insecure == true { options.verifiesPeer = false }
        if let passphrase = environment[TLSOptions.keyPassphraseEnvironmentVariable], !passphrase.isEmpty {
            options.keyPassphrase = passphrase
        }
        return options
    }
}
