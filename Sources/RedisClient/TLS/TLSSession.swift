import CHiredis
import COpenSSL
import Foundation

/// One OpenSSL session over a connected socket: the handshake (bounded by a deadline), then
/// blocking reads and writes. Owned by one `HiredisContext` and used only on its thread.
final class TLSSession {
    private let ssl: OpaquePointer
    /// Decrypted bytes land here before the hiredis reader parses them.
    private let buffer: UnsafeMutableRawPointer
    private static let bufferSize = 32 * 1024

    /// Runs the TLS handshake on the connected socket `fd` for `host`; throws a one-line reason.
    init(fd: Int32, host: String, options: TLSOptions, context: TLSClientContext,
         deadline: ContinuousClock.Instant, timeout: Duration) throws(TLSSetupFailure) {
        guard let ssl = SSL_new(context.pointer) else {
            throw TLSSetupFailure(reason: "cannot create a TLS session (\(TLSErrorQueue.lastText()))")
        }
        self.ssl = ssl
        buffer = UnsafeMutableRawPointer.allocate(byteCount: Self.bufferSize, alignment: 16)
        SSL_set_fd(ssl, fd)
        let name = options.serverName ?? host
        let isAddress = Self.isIPAddress(name)
        // SNI carries host names only (RFC 6066); an IP address is checked against the certificate's IP entries.
        if !isAddress { _ = copenssl_set_sni(ssl, name) }
        if options.verifiesPeer {
            if isAddress { _ = X509_VERIFY_PARAM_set1_ip_asc(SSL_get0_param(ssl), name) } else { _ = SSL_set1_host(ssl, name) }
        }
        try handshake(fd: fd, name: name, options: options, deadline: deadline, timeout: timeout)
    }

    deinit {
        SSL_free(ssl)
        buffer.deallocate()
    }

    /// Non-blocking SSL_connect driven by poll, so the whole handshake ends by `deadline`.
    private func handshake(fd: Int32, name: String, options: TLSOptions,
                           deadline: ContinuousClock.Instant, timeout: Duration) throws(TLSSetupFailure) {
        let flags = fcntl(fd, F_GETFL)
        _ = fcntl(fd, F_SETFL, flags | O_NONBLOCK)
        defer { _ = fcntl(fd, F_SETFL, flags) }
        let clock = ContinuousClock()
        while true {
            ERR_clear_error()
            let result = SSL_connect(ssl)
            if result == 1 { return }
            let code = SSL_get_error(ssl, result)
            let savedErrno = errno
            let events: Int32
            switch code {
            case SSL_ERROR_WANT_READ: events = POLLIN
            case SSL_ERROR_WANT_WRITE: events = POLLOUT
            default:
                throw TLSSetupFailure(reason: TLSFailureText.handshake(
                    ssl: ssl, errorCode: code, errno: savedErrno, name: name, options: options))
            }
            let remaining = clock.now.duration(to: deadline)
            var descriptor = pollfd(fd: fd, events: Int16(events), revents: 0)
            let milliseconds = max(0, Int32(remaining.seconds * 1000))
            if remaining <= .zero || poll(&descriptor, 1, milliseconds) == 0 {
                throw TLSSetupFailure(reason: TLSFailureText.handshakeTimeout(timeout))
            }
        }
    }

    /// Writes every byte (blocking; bounded by the socket's send timeout).
    func write(_ bytes: UnsafeRawBufferPointer) throws(HiredisFailure) {
        var offset = 0
        while offset < bytes.count, let base = bytes.baseAddress {
            ERR_clear_error()
            let written = SSL_write(ssl, base + offset, Int32(clamping: bytes.count - offset))
            if written > 0 {
                offset += Int(written)
            } else {
                throw failure(SSL_get_error(ssl, written), errno: errno)
            }
        }
    }

    /// Reads what has arrived (blocking until at least one record; bounded by the socket's
    /// receive timeout) and feeds it to `reader`, including bytes OpenSSL already holds
    /// decrypted, so a poll on the socket afterwards never misses data.
    func readAvailable(into reader: UnsafeMutablePointer<redisReader>?) throws(HiredisFailure) {
        repeat {
            ERR_clear_error()
            let count = SSL_read(ssl, buffer, Int32(Self.bufferSize))
            guard count > 0 else { throw failure(SSL_get_error(ssl, count), errno: errno) }
            if redisReaderFeed(reader, buffer.assumingMemoryBound(to: CChar.self), Int(count)) != REDIS_OK {
                throw .protocolViolation("the reply parser refused the bytes read")
            }
        } while SSL_pending(ssl) > 0
    }

    private func failure(_ code: Int32, errno savedErrno: Int32) -> HiredisFailure {
        switch code {
        case SSL_ERROR_ZERO_RETURN:
            return .closed("Server closed the connection")
        case SSL_ERROR_WANT_READ, SSL_ERROR_WANT_WRITE:
            // A blocking socket returns these only when its timeout (SO_RCVTIMEO/SNDTIMEO) ran out.
            return .timeout
        case SSL_ERROR_SYSCALL where savedErrno == EAGAIN || savedErrno == EWOULDBLOCK:
            return .timeout
        case SSL_ERROR_SYSCALL:
            return .closed(savedErrno == 0 ? "Server closed the connection" : String(cString: strerror(savedErrno)))
        default:
            // TLS 1.3 servers check a client certificate after the client's handshake ended:
            // their refusal arrives as an alert on the first read.
            if let rejection = TLSFailureText.clientCertificateRejection(reason: TLSErrorQueue.lastReason()) {
                return .tls(rejection)
            }
            return .closed("TLS error: \(TLSErrorQueue.lastText())")
        }
    }

    private static func isIPAddress(_ text: String) -> Bool {
        var v4 = in_addr()
        var v6 = in6_addr()
        return inet_pton(AF_INET, text, &v4) == 1 || inet_pton(AF_INET6, text, &v6) == 1
    }
}
