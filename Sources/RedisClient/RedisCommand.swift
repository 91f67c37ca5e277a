/// A value that can be one argument of a Redis command.
public protocol RedisArgument: Sendable {
    /// The argument exactly as sent: binary-safe bytes.
    var redisBytes: [UInt8] { get }
}

extension String: RedisArgument { public var redisBytes: [UInt8] { Array(utf8) } }
extension Substring: RedisArgument { public var redisBytes: [UInt8] { Array(utf8) } }
extension Array: RedisArgument where Element == UInt8 { public var redisBytes: [UInt8] { self } }
extension Int: RedisArgument { public var redisBytes: [UInt8] { Array(String(self).utf8) } }
extension Int64: RedisArgument { public var redisBytes: [UInt8] { Array(String(self).utf8) } }
extension Double: RedisArgument { public var redisBytes: [UInt8] { Array(String(self).utf8) } }

/// A command as an argument array, e.g. `RedisCommand("SET", key, value, "NX")`.
///
/// It is encoded in the RESP wire format once, when made; hiredis sends those bytes as they
/// are (`redisAppendFormattedCommand`) and parses the replies.
public struct RedisCommand: Sendable, Hashable {
    /// The command name, upper-cased, for error messages.
    public let name: String
    /// The RESP encoding of every argument including the name.
    public let encoded: [UInt8]

    public init(_ name: String, _ arguments: any RedisArgument...) {
        self.init(name, arguments: arguments)
    }

    public init(_ name: String, arguments: [any RedisArgument]) {
        self.name = name.uppercased()
        var encoded: [UInt8] = []
        encoded.reserveCapacity(16 + name.utf8.count + arguments.count * 16)
        Self.appendCount(UInt8(ascii: "*"), arguments.count + 1, to: &encoded)
        Self.appendBulk(Array(name.utf8), to: &encoded)
        for argument in arguments { Self.appendBulk(argument.redisBytes, to: &encoded) }
        self.encoded = encoded
    }

    private static func appendBulk(_ bytes: [UInt8], to encoded: inout [UInt8]) {
        appendCount(UInt8(ascii: "$"), bytes.count, to: &encoded)
        encoded.append(contentsOf: bytes)
        encoded.append(contentsOf: [13, 10])
    }

    private static func appendCount(_ marker: UInt8, _ count: Int, to encoded: inout [UInt8]) {
        encoded.append(marker)
        encoded.append(contentsOf: String(count).utf8)
        encoded.append(contentsOf: [13, 10])
    }
}
