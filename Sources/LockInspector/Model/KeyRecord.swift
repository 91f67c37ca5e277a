import VisibleText

/// The Redis data type of a key, as TYPE reports it.
public enum KeyType: String, Sendable, Hashable {
    case string, hash, zset, list, set, stream, none
    /// A module type or anything else TYPE may answer.
    case other

    public init(typeReply: String) { self = KeyType(rawValue: typeReply) ?? .other }
}

/// What the scanner read of one key, within its size caps. Pure data: recognisers classify it.
public struct KeyRecord: Sendable, Hashable {
    /// The key exactly as stored: keys may be binary.
    public let key: [UInt8]
    public let type: KeyType
    /// PTTL in milliseconds: -1 no expiry, -2 gone.
    public let pttl: Int
    public let value: KeyValue

    public init(key: [UInt8], type: KeyType, pttl: Int, value: KeyValue) {
        self.key = key
        self.type = type
        self.pttl = pttl
        self.value = value
    }

    /// The key as visible text (`VisibleText.escape`): what recognisers match and show.
    public var name: String { VisibleText.escape(key) }
}

/// The capped read of a key's value.
public enum KeyValue: Sendable, Hashable {
    /// A string value: its first bytes (up to the cap) and its full length.
    case string(prefix: [UInt8], length: Int)
    /// Up to the cap of field/value pairs, and how many fields the hash has.
    case hash(fields: [HashField], count: Int)
    /// Up to the cap of members in rank order, and the zset's size.
    case zset(members: [ZSetMember], count: Int)
    /// Up to the cap of elements from the head, and the list's length.
    case list(elements: [[UInt8]], count: Int)
    /// The newest entries (newest first) and the stream's length.
    case stream(entries: [StreamEntry], length: Int)
    /// Only the size is read.
    case set(count: Int)
    /// Not read (a type we do not look into, or the key vanished).
    case unread
}

/// One field of a hash.
public struct HashField: Sendable, Hashable {
    public let field: [UInt8]
    public let value: [UInt8]
    public init(field: [UInt8], value: [UInt8]) { self.field = field; self.value = value }
    /// The field's name as visible text.
    public var fieldName: String { VisibleText.escape(field) }
    /// The value as visible text (`VisibleText.escape`): safe to show, reversible.
    public var text: String { VisibleText.escape(value) }
    /// The value decoded as UTF-8 as it is, for parsing (JSON, numbers); never for display.
    public var rawText: String { String(decoding: value, as: UTF8.self) }
}

/// One member of a sorted set.
public struct ZSetMember: Sendable, Hashable {
    public let member: [UInt8]
    public let score: Double
    public init(member: [UInt8], score: Double) { self.member = member; self.score = score }
    /// The member as visible text.
    public var text: String { VisibleText.escape(member) }
}

/// One stream entry.
public struct StreamEntry: Sendable, Hashable {
    public let id: String
    public let fields: [HashField]
    public init(id: String, fields: [HashField]) { self.id = id; self.fields = fields }

    /// The value of `name`, as text.
    public func field(_ name: String) -> String? { fields.first { $0.fieldName == name }?.text }
}

extension KeyValue {
    /// The string value as text, when it is a string.
    public var text: String? {
        if case .string(let prefix, _) = self { return VisibleText.escape(prefix) }
        return nil
    }
}
