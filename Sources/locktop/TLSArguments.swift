import ArgumentParser
import LocktopApp
import RedisClient

/// redis-cli's TLS options. Any of them turns TLS on, as `rediss://` does; the key's
/// passphrase comes from LOCKTOP_TLS_KEY_PASSPHRASE, never from the command line.
struct TLSArguments: ParsableArguments {
    @Flag(help: "Connect over TLS (as a rediss:// URL does); the system's trusted CAs unless --cacert.")
    var tls = false

    @Option(help: ArgumentHelp("CA certificates (PEM) that signed the server's certificate.", valueName: "file"))
    var cacert: String?

    @Option(help: ArgumentHelp("Folder of hashed CA certificates (c_rehash) to trust.", valueName: "dir"))
    var cacertdir: String?

    @Option(help: ArgumentHelp("Client certificate (PEM) for servers with tls-auth-clients; with --key.", valueName: "file"))
    var cert: String?

    @Option(help: ArgumentHelp("The client certificate's private key (PEM); an encrypted key's passphrase comes from \(TLSOptions.keyPassphraseEnvironmentVariable).",
                               valueName: "file"))
    var key: String?

    @Option(help: ArgumentHelp("Server name to send (SNI) and to check the certificate against, instead of the host.", valueName: "name"))
    var sni: String?

    @Flag(help: "Do not verify the server's certificate or name (encrypted, not authenticated); the status line says so.")
    var insecure = false

    /// What was given; nil for what was not, so a profile can fill it in.
    var flags: TLSFlags {
        TLSFlags(enabled: tls ? true : nil, caFile: cacert, caDirectory: cacertdir, certificate: cert, key: key,
                 serverName: sni, insecure: insecure ? true : nil)
    }

    func validate() throws {
        if (cert == nil) != (key == nil) {
            throw ValidationError(cert == nil ? "--key needs --cert FILE, the client certificate" : "--cert needs --key FILE, the client certificate's private key")
        }
    }
}
