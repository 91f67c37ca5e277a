/// A Lua script run with EVALSHA; `RedisConnection.run` loads it when the server lacks it.
public struct RedisScript: Sendable, Hashable {
    /// A short name used in error messages.
    public let name: String
    public let source: String
    /// Lower-case hex SHA-1 of `source`, as `SCRIPT LOAD` returns it.
    public let sha1: String

    public init(name: String, source: String) {
        self.name = name
        self.source = source
        self.sha1 = SHA1.hexDigest(Array(source.utf8))
    }

    /// The EVALSHA command for these keys and arguments (for pipelines: load the script first).
    public func evalSHA(keys: [any RedisArgument], arguments: [any RedisArgument]) -> RedisCommand {
        var command = RedisCommand("EVALSHA", argumentCount: 2 + keys.count + arguments.count)
        command.append(sha1)
        command.append(keys.count)
        for key in keys { command.append(key) }
        for argument in arguments { command.append(argument) }
        return command
    }
}
