/// How to speak TLS to a server (`rediss://`, `--tls`): which CA to trust, which client
/// certificate to show, which name to expect. The defaults trust the system's store
/// (Debian: /etc/ssl/certs) and check the host name against the server's certificate.
public struct TLSOptions: Sendable, Hashable {
    /// Environment variable read for the key file's passphrase (never a command-line flag).
    public static let keyPassphraseEnvironmentVariable = "LOCKTOP_TLS_KEY_PASSPHRASE"

    /// PEM file of CA certificates to trust instead of the system's (`--cacert`).
    public var caFile: String?
    /// Folder of hashed CA certificates (`c_rehash`) to trust instead of the system's (`--cacertdir`).
    public var caDirectory: String?
    /// Client certificate (PEM, chain allowed) for servers that ask for one (`--cert`).
    public var certificateFile: String?
    /// Private key of `certificateFile` (PEM) (`--key`).
    public var keyFile: String?
    /// Passphrase of an encrypted `keyFile`; never printed.
    public var keyPassphrase: String?
    /// Name sent as SNI and checked against the certificate, instead of the host (`--sni`).
    public var serverName: String?
    /// `false` (`--insecure`) accepts any certificate and name: encrypted but not authenticated.
    public var verifiesPeer: Bool

    public init(caFile: String? = nil, caDirectory: String? = nil, certificateFile: String? = nil, keyFile: String? = nil,
                keyPassphrase: String? = nil, serverName: String? = nil, verifiesPeer: Bool = true) {
        self.caFile = caFile
        self.caDirectory = caDirectory
        self.certificateFile = certificateFile
        self.keyFile = keyFile
        self.keyPassphrase = keyPassphrase
        self.serverName = serverName
        self.verifiesPeer = verifiesPeer
    }
}

extension TLSOptions: CustomStringConvertible, CustomDebugStringConvertible {
    /// The files and checks, never the key's passphrase.
    public var description: String {
        var parts: [String] = []
        if let caFile { parts.append("cacert \(caFile)") }
        if let caDirectory { parts.append("cacertdir \(caDirectory)") }
        if caFile == nil && caDirectory == nil { parts.append("system CAs") }
        if let certificateFile { parts.append("cert \(certificateFile)") }
        if let keyFile { parts.append("key \(keyFile)") }
        if let serverName { parts.append("sni \(serverName)") }
        if !verifiesPeer { parts.append("insecure") }
        return "TLS (" + parts.joined(separator: ", ") + ")"
    }

    public var debugDescription: String { description }
}
