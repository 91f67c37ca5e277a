import COpenSSL
import Foundation
import Synchronization

/// An OpenSSL `SSL_CTX` made once per `TLSOptions` (trust store, client certificate, checks)
/// and shared by every connection that uses those options: loading a CA bundle is the slow part.
final class TLSClientContext: @unchecked Sendable {
    // Safe to share: the SSL_CTX is configured only in `init`; OpenSSL then allows
    // SSL_new on it from any thread, which is all connections do.
    let pointer: OpaquePointer

    private static let cache = Mutex<[TLSOptions: TLSClientContext]>([:])

    /// The context for `options`, made on first use; throws a reason a user can act on.
    static func shared(for options: TLSOptions) throws(TLSSetupFailure) -> TLSClientContext {
        if let made = cache.withLock({ $0[options] }) { return made }
        let made = try TLSClientContext(options)
        return cache.withLock { cache in
            if let raced = cache[options] { return raced }
            cache[options] = made
            return made
        }
    }

    private init(_ options: TLSOptions) throws(TLSSetupFailure) {
        Self.ignoreBrokenPipes
        guard let context = SSL_CTX_new(TLS_client_method()) else {
            throw TLSSetupFailure(reason: "cannot create a TLS context (\(TLSErrorQueue.lastText()))")
        }
        pointer = context
        _ = copenssl_ctx_set_min_tls12(context)
        SSL_CTX_set_verify(context, options.verifiesPeer ? SSL_VERIFY_PEER : SSL_VERIFY_NONE, nil)
        try loadTrust(options)
        try loadClientCertificate(options)
    }

    deinit { SSL_CTX_free(pointer) }

    private func loadTrust(_ options: TLSOptions) throws(TLSSetupFailure) {
        guard options.caFile != nil || options.caDirectory != nil else {
            // No CA given: the system's store, as redis-cli and browsers do.
            if SSL_CTX_set_default_verify_paths(pointer) != 1 {
                throw TLSSetupFailure(reason: "cannot load the system's trusted CAs (\(TLSErrorQueue.lastText())): pass --cacert FILE")
            }
            return
        }
        if let file = options.caFile { try Self.checkReadable(file, flag: "--cacert", isDirectory: false) }
        if let folder = options.caDirectory { try Self.checkReadable(folder, flag: "--cacertdir", isDirectory: true) }
        ERR_clear_error()
        if SSL_CTX_load_verify_locations(pointer, options.caFile, options.caDirectory) != 1 {
            throw TLSSetupFailure(reason: "cannot load the CA certificates in \(options.caFile ?? options.caDirectory ?? "") "
                                  + "(\(TLSErrorQueue.lastText())): --cacert takes a PEM file")
        }
    }

    private func loadClientCertificate(_ options: TLSOptions) throws(TLSSetupFailure) {
        switch (options.certificateFile, options.keyFile) {
        case (nil, nil):
            return
        case (let certificate?, let key?):
            try Self.checkReadable(certificate, flag: "--cert", isDirectory: false)
            try Self.checkReadable(key, flag: "--key", isDirectory: false)
            ERR_clear_error()
            guard SSL_CTX_use_certificate_chain_file(pointer, certificate) == 1 else {
                throw TLSSetupFailure(reason: "cannot load the client certificate \(certificate) (\(TLSErrorQueue.lastText())): --cert takes a PEM file")
            }
            let loaded = withPassphrase(options.keyPassphrase) { SSL_CTX_use_PrivateKey_file(pointer, key, SSL_FILETYPE_PEM) }
            guard loaded == 1 else {
                throw TLSSetupFailure(reason: "cannot load the private key \(key) (\(TLSErrorQueue.lastText())): --key takes a PEM file; "
                                      + "if it is encrypted, set \(TLSOptions.keyPassphraseEnvironmentVariable)")
            }
            guard SSL_CTX_check_private_key(pointer) == 1 else {
                throw TLSSetupFailure(reason: "the key \(key) does not belong to the certificate \(certificate): pass the matching --cert and --key")
            }
        case (_?, nil):
            throw TLSSetupFailure(reason: "--cert needs --key FILE, the client certificate's private key")
        case (nil, _?):
            throw TLSSetupFailure(reason: "--key needs --cert FILE, the client certificate")
        }
    }

    /// Runs `body` with the passphrase installed for OpenSSL's key-loading callback, then removes it.
    private func withPassphrase(_ passphrase: String?, _ body: () -> Int32) -> Int32 {
        // Without a passphrase the callback answers nothing, so an encrypted key fails instead of prompting on the tty.
        (passphrase ?? "").withCString { text in
            copenssl_use_passphrase(pointer, text)
            defer { copenssl_use_passphrase(pointer, nil) }
            return body()
        }
    }

    private static func checkReadable(_ path: String, flag: String, isDirectory: Bool) throws(TLSSetupFailure) {
        var directory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &directory) else {
            throw TLSSetupFailure(reason: "\(flag) \(path): no such \(isDirectory ? "folder" : "file")")
        }
        guard directory.boolValue == isDirectory, FileManager.default.isReadableFile(atPath: path) else {
            throw TLSSetupFailure(reason: "\(flag) \(path): not a readable \(isDirectory ? "folder" : "file")")
        }
    }

    /// OpenSSL writes with write(2): a server that hangs up would raise SIGPIPE and end the
    /// process, so it is ignored (a failed write returns EPIPE instead), once, on first TLS use.
    private static let ignoreBrokenPipes: Void = { _ = signal(SIGPIPE, SIG_IGN) }()
}

/// A TLS context that cannot be made (a missing or unreadable CA, certificate or key).
struct TLSSetupFailure: Error {
    let reason: String
}
