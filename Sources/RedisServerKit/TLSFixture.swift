import Foundation
import RedisClient
import ServerProcessKit

/// A throwaway certificate authority with the certificates TLS tests need, made with the
/// `openssl` command in a temporary folder: a server certificate for localhost and
/// 127.0.0.1, a client certificate, an expired and a wrong-name server certificate, and a
/// client certificate from a CA the servers do not trust.
public struct TLSFixture: Sendable {
    /// Holds every file; `remove()` deletes it.
    public let directory: URL

    /// PEM path of the file `name` (`ca.crt`, `server.key`, ...).
    public func path(_ name: String) -> String { directory.appendingPathComponent(name).path }

    public var caFile: String { path("ca.crt") }

    /// The options a client that trusts this CA uses; with the client certificate when asked.
    public func clientOptions(withCertificate: Bool = false) -> TLSOptions {
        TLSOptions(caFile: caFile,
                   certificateFile: withCertificate ? path("client.crt") : nil,
                   keyFile: withCertificate ? path("client.key") : nil)
    }

    /// Makes a fresh set of certificates (EC P-256 keys: fast to generate on a loaded machine).
    public static func make() async throws(RedisServerError) -> TLSFixture {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("locktop-tls-\(UUID().uuidString.prefix(8))")
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        } catch {
            throw .launch("cannot create \(directory.path): \(error)")
        }
        // openssl blocks for a moment: on a thread of its own, never on the cooperative pool.
        let outcome: Result<Void, ChildProcessError> = await withCheckedContinuation { continuation in
            Thread { continuation.resume(returning: runScript(in: directory.path)) }.start()
        }
        if case .failure(let error) = outcome {
            try? FileManager.default.removeItem(at: directory)
            throw .launch("cannot make test certificates with openssl: \(error.description)")
        }
        return TLSFixture(directory: directory)
    }

    /// Deletes the folder and every certificate in it.
    public func remove() { try? FileManager.default.removeItem(at: directory) }

    private static let script = """
        set -e
        exec 2>&1
        cd "$1"
        key() { openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$1"; }
        authority() { key "$1.key"; openssl req -x509 -new -key "$1.key" -days 3650 -subj "/CN=$2" -out "$1.crt"; }
        sign() { # file, CA, common name, subjectAltName, days (negative: already expired)
            key "$1.key"
            openssl req -new -key "$1.key" -subj "/CN=$3" -out "$1.csr"
            printf 'subjectAltName=%s\\nbasicConstraints=CA:FALSE\\n' "$4" > "$1.ext"
            openssl x509 -req -in "$1.csr" -CA "$2.crt" -CAkey "$2.key" -CAcreateserial -days "$5" -extfile "$1.ext" -out "$1.crt"
            rm "$1.csr" "$1.ext"
        }
        authority ca "locktop test CA"
        authority otherca "locktop untrusted CA"
        sign server ca localhost "DNS:localhost,IP:127.0.0.1,IP:::1" 3650
        sign client ca "locktop client" "DNS:locktop-client" 3650
        sign wrongname ca elsewhere.example "DNS:elsewhere.example" 3650
        sign expired ca localhost "DNS:localhost,IP:127.0.0.1" -1
        sign stranger otherca "locktop stranger" "DNS:locktop-stranger" 3650
        """

    private static func runScript(in folder: String) -> Result<Void, ChildProcessError> {
        do {
            let child = try ChildProcess.spawn("/bin/sh", ["-c", script, "tls-fixture", folder])
            close(child.stdinWriter)
            close(child.errorReader)
            var output = ""
            child.readOutput { output += $0 }
            let status = child.waitForExit()
            guard status == 0 else { return .failure(ChildProcessError("exit \(status): \(output.suffix(1000))")) }
            return .success(())
        } catch {
            return .failure(error)
        }
    }
}

/// How a private server speaks TLS: which certificate it shows, and whether it asks for one.
public struct RedisTLSSettings: Sendable {
    /// The server certificate: valid for localhost/127.0.0.1, expired, or for another name.
    public enum Certificate: String, Sendable { case valid = "server", expired, wrongName = "wrongname" }

    public var fixture: TLSFixture
    public var certificate: Certificate
    /// `--tls-auth-clients yes`: a client without a certificate from the fixture's CA is refused.
    public var requiresClientCertificate: Bool

    public init(fixture: TLSFixture, certificate: Certificate = .valid, requiresClientCertificate: Bool = false) {
        self.fixture = fixture
        self.certificate = certificate
        self.requiresClientCertificate = requiresClientCertificate
    }

    /// TLS on `port` only (`--port 0`), with the cluster bus and replication over TLS too.
    func serverArguments(port: Int) -> [String] {
        ["--port", "0", "--tls-port", String(port),
         "--tls-cert-file", fixture.path("\(certificate.rawValue).crt"), "--tls-key-file", fixture.path("\(certificate.rawValue).key"),
         "--tls-ca-cert-file", fixture.caFile, "--tls-auth-clients", requiresClientCertificate ? "yes" : "no",
         "--tls-replication", "yes", "--tls-cluster", "yes"]
    }

    /// What a client that trusts the fixture's CA uses (with its certificate when the server asks for one).
    public var clientOptions: TLSOptions { fixture.clientOptions(withCertificate: requiresClientCertificate) }
}
