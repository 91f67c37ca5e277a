/// Which server software a connection talks to, read from `INFO server`.
public struct ServerInfo: Sendable, Hashable, CustomStringConvertible {
    /// The software family: Valkey reports itself beside a Redis-compatible version.
    public enum Flavor: String, Sendable, Hashable {
        case redis
        case valkey
    }

    public let flavor: Flavor
    public let version: ServerVersion

    public init(flavor: Flavor, version: ServerVersion) {
        self.flavor = flavor
        self.version = version
    }

    /// Parses the reply of `INFO server`; `nil` when it names no version.
    ///
    /// Valkey keeps `redis_version` at the Redis release it is compatible with (7.2.4 for
    /// Valkey 8.1) and adds `server_name:valkey` and `valkey_version`; only those tell it apart.
    public init?(infoReply text: String) {
        var fields: [Substring: Substring] = [:]
        for line in text.split(whereSeparator: \.isNewline) {
            guard let colon = line.firstIndex(of: ":") else { continue }
            fields[line[..<colon]] = line[line.index(after: colon)...]
        }
        if fields["server_name"] == "valkey" || fields["valkey_version"] != nil {
            guard let version = fields["valkey_version"].flatMap(ServerVersion.init) else { return nil }
            self.init(flavor: .valkey, version: version)
        } else {
            guard let version = fields["redis_version"].flatMap(ServerVersion.init) else { return nil }
            self.init(flavor: .redis, version: version)
        }
    }

    /// `valkey 8.1.8`, `redis 7.0.15`.
    public var description: String { "\(flavor.rawValue) \(version)" }
}

/// A `major.minor.patch` server version, ordered.
public struct ServerVersion: Sendable, Hashable, Comparable, CustomStringConvertible {
    public let major: Int
    public let minor: Int
    public let patch: Int

    public init(_ major: Int, _ minor: Int, _ patch: Int = 0) {
        self.major = major
        self.minor = minor
        self.patch = patch
    }

    /// Parses `8.1.8` (missing parts are 0); `nil` for anything else.
    public init?(_ text: Substring) {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false).map { Int($0) }
        guard (1...3).contains(parts.count), let major = parts[0] else { return nil }
        let rest = parts.dropFirst().map { $0 ?? -1 }
        guard !rest.contains(-1) else { return nil }
        self.init(major, rest.first ?? 0, rest.dropFirst().first ?? 0)
    }

    public static func < (lhs: ServerVersion, rhs: ServerVersion) -> Bool {
        (lhs.major, lhs.minor, lhs.patch) < (rhs.major, rhs.minor, rhs.patch)
    }

    public var description: String { "\(major).\(minor).\(patch)" }
}
