import VisibleText
import Foundation
import RedisClient

/// A stream entry id, `<milliseconds>-<sequence>`, ordered as Redis orders them.
public struct EventID: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The entry's time part (the server clock when Redis chose the id).
    public let milliseconds: UInt64
    /// Orders entries within one millisecond.
    public let sequence: UInt64

    /// An id from its two parts.
    public init(milliseconds: UInt64, sequence: UInt64) {
        self.milliseconds = milliseconds
        self.sequence = sequence
    }

    /// Parses `123-4`; `nil` for anything else.
    public init?(_ text: String) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 2, let milliseconds = UInt64(parts[0]), let sequence = UInt64(parts[1]) else { return nil }
        self.init(milliseconds: milliseconds, sequence: sequence)
    }

    /// `0-0`, the id before every entry.
    public static let zero = EventID(milliseconds: 0, sequence: 0)

    /// Time first, then sequence, as Redis orders entries.
    public static func < (lhs: EventID, rhs: EventID) -> Bool {
        (lhs.milliseconds, lhs.sequence) < (rhs.milliseconds, rhs.sequence)
    }

    /// `<milliseconds>-<sequence>`, as Redis writes it.
    public var description: String { "\(milliseconds)-\(sequence)" }
}

/// One stored event: the stream entry id and the fields `type`, `data` (JSON) and `timestamp` (ms).
public struct EventRecord: Sendable, Hashable {
    /// The stream entry id.
    public let id: EventID
    /// The `type` field, e.g. `OrderCreated`.
    public let type: String
    /// The `data` field as stored: JSON when written by `EventLog`.
    public let data: [UInt8]
    /// Milliseconds since 1970 by the writer's clock (the entry id's time when the field is absent).
    public let timestamp: Int64

    /// A record with these fields.
    public init(id: EventID, type: String, data: [UInt8], timestamp: Int64) {
        self.id = id
        self.type = type
        self.data = data
        self.timestamp = timestamp
    }

    /// `data` as text.
    public var dataText: String { String(decoding: data, as: UTF8.self) }

    /// Decodes `data` as JSON.
    public func decode<Payload: Decodable>(_ type: Payload.Type = Payload.self) throws(TransactionError) -> Payload {
        do {
            return try JSONDecoder().decode(Payload.self, from: Data(data))
        } catch {
            throw .encoding("event \(id) (\(self.type)) does not decode as \(Payload.self): \(error)")
        }
    }
}

/// An event to append: a type and its JSON data.
public struct NewEvent: Sendable, Hashable {
    /// The `type` field.
    public let type: String
    /// The `data` field, JSON.
    public let data: [UInt8]

    /// An event whose data is already encoded.
    public init(type: String, data: [UInt8]) {
        self.type = type
        self.data = data
    }

    /// An event whose data is `payload` encoded as JSON.
    public init<Payload: Encodable>(type: String, payload: Payload) throws(TransactionError) {
        self.init(type: type, data: try JSONCoding.encode(payload))
    }
}

/// JSON with sorted keys, so stored values are stable and diffable.
enum JSONCoding {
    static func encode<Value: Encodable>(_ value: Value) throws(TransactionError) -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        do {
            return Array(try encoder.encode(value))
        } catch {
            throw .encoding("cannot encode \(Value.self): \(error)")
        }
    }

    static func decode<Value: Decodable>(_ type: Value.Type, from bytes: [UInt8], key: String) throws(TransactionError) -> Value {
        do {
            return try JSONDecoder().decode(Value.self, from: Data(bytes))
        } catch {
            throw .malformed(key: key, reason: "'\(VisibleText.escape(bytes.prefix(200)))' is not a \(Value.self): \(error)")
        }
    }

    static func nowMilliseconds() -> Int64 {
        Int64((Date().timeIntervalSince1970 * 1000).rounded(.down))
    }
}

/// Reading stream replies (XRANGE, XREADGROUP, XAUTOCLAIM) into records.
enum StreamReply {
    /// One entry `[id, [field, value, ...]]`; `nil` fields (an entry trimmed away while pending) give `.deleted`.
    enum Entry {
        case record(EventRecord)
        case deleted(EventID)
    }

    static func entries(_ reply: RESPValue, key: String) throws(TransactionError) -> [Entry] {
        if reply.isNull { return [] }
        guard let items = reply.array else { throw .malformed(key: key, reason: "expected a list of stream entries, got \(reply)") }
        var entries: [Entry] = []
        entries.reserveCapacity(items.count)
        for item in items { entries.append(try entry(item, key: key)) }
        return entries
    }

    static func records(_ reply: RESPValue, key: String) throws(TransactionError) -> [EventRecord] {
        try entries(reply, key: key).compactMap { entry in
            if case .record(let record) = entry { return record }
            return nil
        }
    }

    static func entry(_ item: RESPValue, key: String) throws(TransactionError) -> Entry {
        guard let pair = item.array, pair.count == 2, let idText = pair[0].string, let id = EventID(idText) else {
            throw .malformed(key: key, reason: "not a stream entry: \(item)")
        }
        if pair[1].isNull { return .deleted(id) }
        guard let fields = pair[1].array, fields.count % 2 == 0 else {
            throw .malformed(key: key, reason: "entry \(id) has no field list: \(pair[1])")
        }
        var type = ""
        var data: [UInt8] = []
        var timestamp = Int64(clamping: id.milliseconds)
        for index in stride(from: 0, to: fields.count, by: 2) {
            switch fields[index].string {
            case "type": type = fields[index + 1].string ?? ""
            case "data": data = fields[index + 1].bytes ?? []
            case "timestamp": timestamp = fields[index + 1].int.map(Int64.init) ?? timestamp
            default: break
            }
        }
        return .record(EventRecord(id: id, type: type, data: data, timestamp: timestamp))
    }
}
