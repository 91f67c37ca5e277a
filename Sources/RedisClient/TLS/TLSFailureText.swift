import COpenSSL
import Foundation

/// One line per TLS failure: what failed, then what to do about it (redis-cli's flag names).
enum TLSFailureText {
    /// Why SSL_connect failed, from the certificate check and OpenSSL's error queue.
    static func handshake(ssl: OpaquePointer, errorCode: Int32, errno: Int32, name: String, options: TLSOptions) -> String {
        let verify = Int32(SSL_get_verify_result(ssl))
        if options.verifiesPeer, verify != X509_V_OK {
            return verification(verify, name: name)
        }
        let reason = TLSErrorQueue.lastReason()
        if let rejection = clientCertificateRejection(reason: reason, hasCertificate: options.certificateFile != nil) {
            return rejection
        }
        let detail = errorCode == SSL_ERROR_SYSCALL
            ? (errno == 0 ? "connection closed during the handshake" : String(cString: strerror(errno)))
            : TLSErrorQueue.lastText()
        switch reason {
        case SSL_R_WRONG_VERSION_NUMBER, SSL_R_PACKET_LENGTH_TOO_LONG, SSL_R_UNEXPECTED_EOF_WHILE_READING, SSL_R_UNEXPECTED_MESSAGE,
             SSL_R_HTTP_REQUEST, 0:
            return "the server did not answer TLS (\(detail)): use redis:// instead of rediss:// (and leave out --tls)"
        default:
            return "TLS handshake failed (\(detail))"
        }
    }

    static func handshakeTimeout(_ timeout: Duration) -> String {
        "the server did not answer TLS within the connect timeout (\(timeout)): use redis:// instead of rediss:// (and leave out --tls) if it speaks plain RESP"
    }

    /// The certificate check's verdict as an action.
    static func verification(_ code: Int32, name: String) -> String {
        let detail = X509_verify_cert_error_string(Int(code)).map { String(cString: $0) } ?? "error \(code)"
        switch code {
        case X509_V_ERR_HOSTNAME_MISMATCH, X509_V_ERR_IP_ADDRESS_MISMATCH:
            return "the server's certificate does not match '\(name)' (\(detail)): pass --sni NAME with a name the certificate holds, or connect by the certificate's name"
        case X509_V_ERR_CERT_HAS_EXPIRED:
            return "the server's certificate has expired (\(detail)): renew it on the server (--insecure skips the check, without authentication)"
        case X509_V_ERR_CERT_NOT_YET_VALID:
            return "the server's certificate is not valid yet (\(detail)): check the clocks of this machine and the server"
        default:
            return "certificate verify failed (\(detail)): pass --cacert FILE with the CA that signed the server's certificate"
        }
    }

    /// The server's alert about our client certificate (or its absence) as an action; nil for other errors.
    static func clientCertificateRejection(reason: Int32, hasCertificate: Bool = true) -> String? {
        switch reason {
        case SSL_R_TLSV13_ALERT_CERTIFICATE_REQUIRED:
            return "the server rejected the client certificate (none was sent): pass --cert FILE and --key FILE"
        case SSL_R_SSLV3_ALERT_BAD_CERTIFICATE, SSL_R_TLSV1_ALERT_UNKNOWN_CA, SSL_R_SSLV3_ALERT_CERTIFICATE_UNKNOWN,
             SSL_R_TLSV1_ALERT_ACCESS_DENIED:
            return "the server rejected the client certificate (\(TLSErrorQueue.lastText())): pass --cert and --key with a certificate its CA signed"
        case SSL_R_SSLV3_ALERT_HANDSHAKE_FAILURE where !hasCertificate:
            // TLS 1.2 servers that require a certificate end the handshake with this generic alert.
            return "the server ended the TLS handshake (\(TLSErrorQueue.lastText())); if it requires a client certificate, pass --cert FILE and --key FILE"
        default:
            return nil
        }
    }
}
