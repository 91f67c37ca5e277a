/// A value that can be one argument of a Redis command.
public protocol RedisArgument: Sendable {
    /// The argument exactly as sent: binary-safe bytes.
    var redisBytes: [UInt8] { get }
    /// Appends the argument as one RESP bulk string (`$<n>\r\n<bytes>\r\n`).
    func appendBulk(to encoded: inout [UInt8])
}

extension RedisArgument {
    public func appendBulk(to encoded: inout [UInt8]) {
        let bytes = redisBytes
        RedisCommand.appendCount(UInt8(ascii: "$"), bytes.count, to: &encoded)
        encoded.append(contentsOf: bytes)
        encoded.append(contentsOf: [13, 10])
    }
}

extension String: RedisArgument {
    public var redisBytes: [UInt8] { Array(utf8) }

    // Straight from the UTF-8 view: no intermediate array per argument.
    public func appendBulk(to encoded: inout [UInt8]) {
        RedisCommand.appendCount(UInt8(ascii: "$"), utf8.count, to: &encoded)
        encoded.append(contentsOf: utf8)
        encoded.append(contentsOf: [13, 10])
    }
}

extension Substring: RedisArgument { public var redisBytes: [UInt8] { Array(utf8) } }

extension Array: RedisArgument where Element == UInt8 {
    public var redisBytes: [UInt8] { self }

    public func appendBulk(to encoded: inout [UInt8]) {
        RedisCommand.appendCount(UInt8(ascii: "$"), count, to: &encoded)
        encoded.append(contentsOf: self)
        encoded.append(contentsOf: [13, 10])
    }
}

extension Int: RedisArgument {
    public var redisBytes: [UInt8] { Array(String(self).utf8) }
    // A number's text fits a small (inline) String: no heap allocation on the way.
    public func appendBulk(to encoded: inout [UInt8]) { String(self).appendBulk(to: &encoded) }
}

extension Int64: RedisArgument {
    public var redisBytes: [UInt8] { Array(String(self).utf8) }
    public func appendBulk(to encoded: inout [UInt8]) { String(self).appendBulk(to: &encoded) }
}
extension Double: RedisArgument { public var redisBytes: [UInt8] { Array(String(self).utf8) } }

/// A command as an argument array, e.g. `RedisCommand("SET", key, value, "NX")`.
///
/// It is encoded in the RESP wire format once, when made; hiredis sends those bytes as they
/// are (`redisAppendFormattedCommand`) and parses the replies.
public struct RedisCommand: Sendable, Hashable {
    /// The command name, upper-cased, for error messages.
    public let name: String
    /// The RESP encoding of every argument including the name.
    public private(set) var encoded: [UInt8]

    public init(_ name: String, _ arguments: any RedisArgument...) {
        self.init(name, arguments: arguments)
    }

    public init(_ name: String, arguments: [any RedisArgument]) {
        self.init(name, argumentCount: arguments.count)
        for argument in arguments { argument.appendBulk(to: &encoded) }
    }

    /// A command whose `argumentCount` arguments (after the name) are appended with `append`.
    init(_ name: String, argumentCount: Int) {
        self.name = name.uppercased()
        var encoded: [UInt8] = []
        encoded.reserveCapacity(32 + name.utf8.count + argumentCount * 24)
        Self.appendCount(UInt8(ascii: "*"), argumentCount + 1, to: &encoded)
        name.appendBulk(to: &encoded)
        self.encoded = encoded
    }

    mutating func append(_ argument: any RedisArgument) {
        argument.appendBulk(to: &encoded)
    }

    static func appendCount(_ marker: UInt8, _ count: Int, to encoded: inout [UInt8]) {
        encoded.append(marker)
        if count < 10 {
            encoded.append(UInt8(ascii: "0") + UInt8(count))
        } else {
            encoded.append(contentsOf: String(count).utf8)
        }
        encoded.append(contentsOf: [13, 10])
    }
}
