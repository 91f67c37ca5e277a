import COpenSSL

/// Reads OpenSSL's per-thread error queue.
enum TLSErrorQueue {
    /// The reason code of the most recent error (an `SSL_R_...` value), 0 when there is none.
    static func lastReason() -> Int32 {
        ERR_GET_REASON(ERR_peek_last_error())
    }

    /// The most recent error as text ("wrong version number"), or "no detail".
    static func lastText() -> String {
        let code = ERR_peek_last_error()
        guard code != 0 else { return "no detail" }
        if let reason = ERR_reason_error_string(code) { return String(cString: reason) }
        var buffer = [CChar](repeating: 0, count: 256)
        ERR_error_string_n(code, &buffer, buffer.count)
        return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
