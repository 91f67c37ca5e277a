/// A URL that cannot become a `RedisEndpoint`; says which part is wrong.
public struct RedisURLError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The part of the URL at fault: "scheme", "host", "port", "database", "path", "query".
    public let part: String
    public let message: String

    public var description: String { "invalid Redis URL (\(part)): \(message)" }
}

extension RedisEndpoint {
    /// Environment variables consulted, in order, for a password the URL does not carry.
    public static let passwordEnvironmentVariables = ["REDISCLI_AUTH", "LOCKTOP_PASSWORD"]

    /// Parses `redis://[user[:password]@]host[:port][/db]`, the same with `rediss://` (TLS with
    /// the system's trusted CAs; set `tls` for others), or `unix:///path[?db=N]`.
    ///
    /// A password absent from the URL is taken from `REDISCLI_AUTH`, then `LOCKTOP_PASSWORD`,
    /// so it never has to appear on a command line.
    public init(url: String, environment: [String: String] = [:]) throws(RedisURLError) {
        guard let schemeEnd = url.range(of: "://") else {
            throw RedisURLError(part: "scheme", message: "'\(Self.redacted(url))' has no scheme; use redis://host:port, rediss://host:port (TLS) or unix:///path")
        }
        let scheme = url[..<schemeEnd.lowerBound].lowercased()
        let rest = String(url[schemeEnd.upperBound...])
        switch scheme {
        case "redis":
            self = try Self.parseTCP(rest)
        case "unix":
            self = try Self.parseUnix(rest)
        case "rediss":
            self = try Self.parseTCP(rest)
            tls = TLSOptions()
        default:
            throw RedisURLError(part: "scheme", message: "unknown scheme '\(scheme)'; use redis://, rediss:// (TLS) or unix://")
        }
        if password == nil {
            password = Self.passwordEnvironmentVariables.lazy.compactMap { environment[$0] }.first { !$0.isEmpty }
        }
    }

    private static func parseTCP(_ rest: String) throws(RedisURLError) -> RedisEndpoint {
        var authority = Substring(rest)
        var pathPart: Substring = ""
        if let slash = authority.firstIndex(of: "/") {
            pathPart = authority[authority.index(after: slash)...]
            authority = authority[..<slash]
        }
        if let query = authority.firstIndex(of: "?") { authority = authority[..<query] }
        if let query = pathPart.firstIndex(of: "?") { pathPart = pathPart[..<query] }

        var username: String?
        var password: String?
        if let at = authority.lastIndex(of: "@") {
            let userInfo = authority[..<at]
            authority = authority[authority.index(after: at)...]
            if let colon = userInfo.firstIndex(of: ":") {
                let user = String(userInfo[..<colon])
                username = user.isEmpty ? nil : try percentDecoded(user, part: "user")
                password = try percentDecoded(String(userInfo[userInfo.index(after: colon)...]), part: "password")
            } else if !userInfo.isEmpty {
                username = try percentDecoded(String(userInfo), part: "user")
            }
        }

        let host: String
        var portText: Substring?
        if authority.hasPrefix("[") {
            guard let close = authority.firstIndex(of: "]") else {
                throw RedisURLError(part: "host", message: "IPv6 address is missing its closing ']'")
            }
            host = String(authority[authority.index(after: authority.startIndex)..<close])
            let afterHost = authority[authority.index(after: close)...]
            if afterHost.hasPrefix(":") { portText = afterHost.dropFirst() } else if !afterHost.isEmpty {
                throw RedisURLError(part: "host", message: "unexpected '\(afterHost)' after the IPv6 address")
            }
        } else if let colon = authority.lastIndex(of: ":") {
            host = String(authority[..<colon])
            portText = authority[authority.index(after: colon)...]
        } else {
            host = String(authority)
        }
        guard !host.isEmpty else { throw RedisURLError(part: "host", message: "host is empty; e.g. redis://127.0.0.1:6379") }
        if host.contains(where: { $0 == " " || $0 == "/" }) {
            throw RedisURLError(part: "host", message: "'\(host)' is not a host name")
        }

        var port = 6379
        if let portText {
            guard let value = Int(portText), (1...65535).contains(value) else {
                throw RedisURLError(part: "port", message: "'\(portText)' is not a port between 1 and 65535")
            }
            port = value
        }

        var database = 0
        if !pathPart.isEmpty {
            database = try parseDatabase(pathPart)
        }
        return RedisEndpoint(address: .tcp(host: host, port: port), database: database, username: username, password: password)
    }

    private static func parseUnix(_ rest: String) throws(RedisURLError) -> RedisEndpoint {
        var path = Substring(rest)
        var database = 0
        if let question = path.firstIndex(of: "?") {
            let query = path[path.index(after: question)...]
            path = path[..<question]
            for item in query.split(separator: "&") {
                let pair = item.split(separator: "=", maxSplits: 1)
                guard pair.count == 2, pair[0] == "db" else {
                    throw RedisURLError(part: "query", message: "unknown parameter '\(item)'; only db=N is understood")
                }
                database = try parseDatabase(pair[1])
            }
        }
        guard path.hasPrefix("/"), path.count > 1 else {
            throw RedisURLError(part: "path", message: "socket path must be absolute, e.g. unix:///run/redis/redis.sock")
        }
        return RedisEndpoint(address: .unix(path: String(path)), database: database)
    }

    private static func parseDatabase(_ text: Substring) throws(RedisURLError) -> Int {
        guard let value = Int(text), value >= 0 else {
            throw RedisURLError(part: "database", message: "'\(text)' is not a database index (0, 1, 2, ...)")
        }
        return value
    }

    private static func percentDecoded(_ text: String, part: String) throws(RedisURLError) -> String {
        guard text.contains("%") else { return text }
        var bytes: [UInt8] = []
        var iterator = Array(text.utf8).makeIterator()
        while let byte = iterator.next() {
            if byte == UInt8(ascii: "%") {
                guard let high = iterator.next(), let low = iterator.next(),
                      let value = UInt8(String(decoding: [high, low], as: UTF8.self), radix: 16) else {
                    throw RedisURLError(part: part, message: "bad percent-escape")
                }
                bytes.append(value)
            } else {
                bytes.append(byte)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The URL with any password replaced, safe to put in an error message.
    static func redacted(_ url: String) -> String {
        guard let at = url.lastIndex(of: "@") else { return url }
        let userInfoStart = url.range(of: "://").map(\.upperBound) ?? url.startIndex
        guard userInfoStart < at, let colon = url[userInfoStart..<at].firstIndex(of: ":") else { return url }
        return String(url[...colon]) + "***" + String(url[at...])
    }
}
