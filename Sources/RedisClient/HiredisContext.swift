import CHiredis
import Foundation

/// Why a hiredis call failed, before it is turned into a `RedisError` with the command name.
enum HiredisFailure: Error {
    case timeout
    case closed(String)
    case protocolViolation(String)
    /// A TLS failure with a one-line reason that says what to do (a rejected client certificate).
    case tls(String)
}

/// Owns one `redisContext`; frees it in `deinit`. Used only from its connection's thread.
///
/// Over TLS, hiredis still connects the socket, keeps the reply parser and the formatted
/// commands, but the bytes travel through `tls` (OpenSSL) instead of hiredis's read/write.
/// Every I/O method tests `tls` once; the plain path is otherwise the one it always was.
final class HiredisContext {
    let context: UnsafeMutablePointer<redisContext>
    private let tls: TLSSession?
    /// Commands queued for a TLS connection (hiredis's own buffer is written only by hiredis).
    private var tlsOutput: [UInt8] = []

    /// Connects (blocking, bounded by `timeout`), with a TLS handshake when `tls` is given;
    /// a context that failed is freed at once.
    init(address: RedisEndpoint.Address, timeout: Duration, tls tlsOptions: TLSOptions? = nil) throws(RedisError) {
        let deadline = ContinuousClock.now + timeout
        let tv = timeval(duration: timeout)
        let where_ = RedisEndpoint(address: address).description
        let made: UnsafeMutablePointer<redisContext>?
        switch address {
        case .tcp(let host, let port): made = redisConnectWithTimeout(host, Int32(port), tv)
        case .unix(let path): made = redisConnectUnixWithTimeout(path, tv)
        case .sentinel: throw RedisError.connect(endpoint: where_, reason: "a sentinel address must be resolved to its master first")
        case .cluster: throw RedisError.connect(endpoint: where_, reason: "a cluster address must be narrowed to one node first")
        }
        guard let made else {
            throw RedisError.connect(endpoint: where_, reason: "out of memory allocating the connection")
        }
        if made.pointee.err != 0 {
            let reason = Self.errorText(made)
            redisFree(made)
            throw RedisError.connect(endpoint: where_, reason: reason)
        }
        // Keepalive is TCP-only; on a unix socket it fails and leaves the context unusable.
        if case .tcp = address { _ = redisEnableKeepAlive(made) }
        guard let tlsOptions else {
            context = made
            tls = nil
            return
        }
        let host: String
        if case .tcp(let name, _) = address { host = name } else { host = "localhost" }
        do {
            let shared = try TLSClientContext.shared(for: tlsOptions)
            tls = try TLSSession(fd: made.pointee.fd, host: host, options: tlsOptions, context: shared,
                                 deadline: deadline, timeout: timeout)
        } catch {
            redisFree(made)
            throw RedisError.tls(endpoint: where_, reason: error.reason)
        }
        context = made
    }

    // The TLS session (if any) is freed after this; SSL_free does not touch the closed socket.
    deinit { redisFree(context) }

    /// Whether the bytes go through TLS.
    var isTLS: Bool { tls != nil }

    var fileDescriptor: Int32 { context.pointee.fd }

    /// Sets the socket read/write timeout used by every later blocking call.
    func setTimeout(_ duration: Duration) {
        _ = redisSetTimeout(context, timeval(duration: duration))
    }

    /// Sends one command and waits for its reply.
    func command(_ command: RedisCommand) throws(HiredisFailure) -> RESPValue {
        try append(command)
        return try readReply()
    }

    /// Queues a command in the output buffer; nothing is sent until a reply is read or `flush()`.
    func append(_ command: RedisCommand) throws(HiredisFailure) {
        if tls != nil {
            tlsOutput.append(contentsOf: command.encoded)
            return
        }
        let status = command.encoded.withUnsafeBufferPointer { bytes in
            bytes.withMemoryRebound(to: CChar.self) { chars in
                redisAppendFormattedCommand(context, chars.baseAddress, chars.count)
            }
        }
        if status != REDIS_OK { throw failure(errno: errno) }
    }

    /// Writes the whole output buffer (blocking).
    func flush() throws(HiredisFailure) {
        if let tls {
            guard !tlsOutput.isEmpty else { return }
            defer { tlsOutput.removeAll(keepingCapacity: true) }
            // withUnsafeBytes rethrows untyped errors: carry the typed one out by value.
            let failure = tlsOutput.withUnsafeBytes { bytes -> HiredisFailure? in
                do throws(HiredisFailure) { try tls.write(bytes) } catch { return error }
                return nil
            }
            if let failure { throw failure }
            return
        }
        var done: Int32 = 0
        while done == 0 {
            if redisBufferWrite(context, &done) != REDIS_OK { throw failure(errno: errno) }
        }
    }

    /// Flushes what is queued and blocks for the next reply.
    func readReply() throws(HiredisFailure) -> RESPValue {
        let raw = try nextRawReply()
        defer { freeReplyObject(raw) }
        return RESPValue(raw.assumingMemoryBound(to: redisReply.self))
    }

    /// The next reply as hiredis builds it (free it with `freeReplyObject`), after flushing.
    private func nextRawReply() throws(HiredisFailure) -> UnsafeMutableRawPointer {
        var raw: UnsafeMutableRawPointer?
        if let tls {
            try flush()
            while true {
                if redisGetReplyFromReader(context, &raw) != REDIS_OK { throw failure(errno: errno) }
                if let raw { return raw }
                try tls.readAvailable(into: context.pointee.reader)
            }
        }
        let status = redisGetReply(context, &raw)
        let savedErrno = errno
        guard status == REDIS_OK, let raw else { throw failure(errno: savedErrno) }
        return raw
    }

    /// Sends one command and hands the raw reply to `body` before it is freed, so a large
    /// reply can be filtered without copying every element into Swift values.
    func command<T>(_ command: RedisCommand, _ body: (UnsafePointer<redisReply>) -> T) throws(HiredisFailure) -> T {
        try append(command)
        let raw = try nextRawReply()
        defer { freeReplyObject(raw) }
        return body(UnsafePointer(raw.assumingMemoryBound(to: redisReply.self)))
    }

    /// Reads what the socket has (one `read`) into the reply parser; for poll-driven loops.
    func readAvailable() throws(HiredisFailure) {
        if let tls { return try tls.readAvailable(into: context.pointee.reader) }
        if redisBufferRead(context) != REDIS_OK { throw failure(errno: errno) }
    }

    /// A reply already parsed from the buffer, without touching the socket.
    func bufferedReply() throws(HiredisFailure) -> RESPValue? {
        var raw: UnsafeMutableRawPointer?
        if redisGetReplyFromReader(context, &raw) != REDIS_OK { throw failure(errno: errno) }
        guard let raw else { return nil }
        defer { freeReplyObject(raw) }
        return RESPValue(raw.assumingMemoryBound(to: redisReply.self))
    }

    func failure(errno code: Int32) -> HiredisFailure {
        let text = Self.errorText(context)
        switch context.pointee.err {
        case REDIS_ERR_IO where code == EAGAIN || code == EWOULDBLOCK || text.contains("temporarily unavailable"):
            return .timeout
        case REDIS_ERR_PROTOCOL, REDIS_ERR_OOM:
            return .protocolViolation(text)
        default:
            return .closed(text.isEmpty ? "connection closed" : text)
        }
    }

    private static func errorText(_ context: UnsafeMutablePointer<redisContext>) -> String {
        withUnsafeBytes(of: context.pointee.errstr) { raw in
            let bytes = raw.prefix { $0 != 0 }
            return String(decoding: bytes, as: UTF8.self)
        }
    }
}

extension RESPValue {
    /// Copies a hiredis reply tree into Swift values.
    init(_ reply: UnsafeMutablePointer<redisReply>) {
        let r = reply.pointee
        switch r.type {
        case REDIS_REPLY_STRING:
            self = .bulk(Self.copyBytes(r.str, r.len))
        case REDIS_REPLY_STATUS:
            self = .status(String(decoding: Self.copyBytes(r.str, r.len), as: UTF8.self))
        case REDIS_REPLY_ERROR:
            self = .error(String(decoding: Self.copyBytes(r.str, r.len), as: UTF8.self))
        case REDIS_REPLY_INTEGER:
            self = .integer(r.integer)
        case REDIS_REPLY_ARRAY:
            var values: [RESPValue] = []
            values.reserveCapacity(r.elements)
            if let elements = r.element {
                for index in 0..<r.elements {
                    if let element = elements[index] { values.append(RESPValue(element)) } else { values.append(.null) }
                }
            }
            self = .array(values)
        default:
            self = .null
        }
    }

    private static func copyBytes(_ pointer: UnsafeMutablePointer<CChar>?, _ count: Int) -> [UInt8] {
        guard let pointer, count > 0 else { return [] }
        return Array(UnsafeRawBufferPointer(start: pointer, count: count))
    }
}

extension timeval {
    init(duration: Duration) {
        let (seconds, attoseconds) = duration.components
        self.init(tv_sec: Int(seconds), tv_usec: Int(attoseconds / 1_000_000_000_000))
    }
}
