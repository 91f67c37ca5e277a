import VisibleText
/// One reply from Redis. Bulk strings are bytes: keys and values may be binary.
public enum RESPValue: Sendable, Hashable {
    case status(String)
    case error(String)
    case integer(Int64)
    case bulk([UInt8])
    case array([RESPValue])
    case null
}

extension RESPValue {
    /// Bulk or status bytes; `nil` for other kinds.
    public var bytes: [UInt8]? {
        switch self {
        case .bulk(let bytes): bytes
        case .status(let text): Array(text.utf8)
        default: nil
        }
    }

    /// Bulk or status as text (invalid UTF-8 is repaired); `nil` for other kinds.
    public var string: String? {
        switch self {
        case .bulk(let bytes): String(decoding: bytes, as: UTF8.self)
        case .status(let text): text
        default: nil
        }
    }

    /// Integers, and bulk strings that hold a decimal integer.
    public var int: Int? {
        switch self {
        case .integer(let value): Int(exactly: value)
        case .bulk(let bytes): Int(String(decoding: bytes, as: UTF8.self))
        default: nil
        }
    }

    /// Elements of an array reply; `nil` for other kinds.
    public var array: [RESPValue]? {
        if case .array(let values) = self { return values }
        return nil
    }

    public var isNull: Bool { self == .null }

    /// The error message when this reply is an error.
    public var errorMessage: String? {
        if case .error(let message) = self { return message }
        return nil
    }

    /// `true` for the status reply `OK`.
    public var isOK: Bool { self == .status("OK") }
}

extension RESPValue: CustomStringConvertible {
    /// A redis-cli-like rendering, bytes escaped where they are not printable.
    public var description: String {
        switch self {
        case .status(let text): return text
        case .error(let message): return "(error) \(message)"
        case .integer(let value): return "(integer) \(value)"
        case .null: return "(nil)"
        case .bulk(let bytes): return "\"" + VisibleText.escape(bytes) + "\""
        case .array(let values): return "[" + values.map(\.description).joined(separator: ", ") + "]"
        }
    }
}
