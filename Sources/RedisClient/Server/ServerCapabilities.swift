/// What a server lets this connection's user do for a lock: decided once per connection
/// (`RedisConnection.capabilities()`), never by failing a command each time.
public struct ServerCapabilities: Sendable, Hashable, CustomStringConvertible {
    /// How the server deletes a key only if it holds a given value, without a script.
    public enum DeleteIfEqual: String, Sendable, Hashable {
        /// Valkey 9.0: `DELIFEQ key value`.
        case delIfEq = "DELIFEQ"
        /// Redis 8.4: `DELEX key IFEQ value`.
        case delEx = "DELEX IFEQ"
    }

    /// Flavor and version; `nil` when this user may not run `INFO` (then no native command is assumed).
    public var server: ServerInfo?
    /// EVAL/EVALSHA are allowed (not refused by ACL, and the command exists).
    public var scripting: Bool
    /// `SET key value IFEQ expected` exists (Valkey 8.1+, Redis 8.4+).
    public var setIfEqual: Bool
    /// The native compare-and-delete, if the server has one.
    public var deleteIfEqual: DeleteIfEqual?

    public init(server: ServerInfo?, scripting: Bool, setIfEqual: Bool, deleteIfEqual: DeleteIfEqual?) {
        self.server = server
        self.scripting = scripting
        self.setIfEqual = setIfEqual
        self.deleteIfEqual = deleteIfEqual
    }

    /// Whether this server's `SET` takes `IFEQ`: a version check, because `COMMAND INFO`
    /// lists commands, not their options (and `COMMAND DOCS` may be refused to the user).
    public static func hasSetIfEqual(_ server: ServerInfo?) -> Bool {
        guard let server else { return false }
        switch server.flavor {
        case .valkey: return server.version >= ServerVersion(8, 1)
        case .redis: return server.version >= ServerVersion(8, 4)
        }
    }

    /// One line for status bars and reports: `valkey 8.1.8 (SET IFEQ, Lua)`.
    public var description: String {
        var features: [String] = []
        if setIfEqual { features.append("SET IFEQ") }
        if let deleteIfEqual { features.append(deleteIfEqual.rawValue) }
        features.append(scripting ? "Lua" : "no Lua")
        return "\(server?.description ?? "unknown server") (\(features.joined(separator: ", ")))"
    }
}
