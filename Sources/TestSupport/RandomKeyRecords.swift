import Foundation
import LockInspector

/// Random key records shaped like what the recognisers look for (their prefixes, token
/// shapes, field names), with hostile bytes mixed in: inputs for the fuzz properties.
public enum RandomKeyRecords {
    static let prefixes = ["lock:", "lock:{", "lock:queue:{", "lock:queue:deadlines:{", "lock:channel:{", "lock:fence:{",
                           "saga:order:{", "tx:{", "events:order:{", "checkpoint:order:{", "redisson_lock__channel:{",
                           "redisson_lock_queue:{", "redisson_lock_timeout:{", "lock-signal:", "bull:q:", "semaphore:",
                           "locktop:sim:lock:{", "", "{"]
    static let fieldNames = ["status", "state", "participants", "deadline", "updatedAt", "createdAt", "owner", "step-1", "mode"]

    /// One record: a known prefix (or none) and random bytes, any type, a value of that type.
    public static func record(using generator: inout SeededGenerator) -> KeyRecord {
        let key = Array((prefixes.randomElement(using: &generator) ?? "").utf8) + generator.bytes(upTo: 24)
            + (Bool.random(using: &generator) ? Array("}".utf8) + generator.bytes(upTo: 4) : [])
        let pttl = [-2, -1, 0, 1, 30_000, Int.max / 2].randomElement(using: &generator) ?? -1
        let value: KeyValue
        let type: KeyType
        switch Int.random(in: 0..<7, using: &generator) {
        case 0:
            type = .string
            let prefix = text(using: &generator)
            value = .string(prefix: prefix, length: prefix.count + Int.random(in: 0...2, using: &generator) * 1_000_000)
        case 1:
            type = .hash
            let fields = (0..<Int.random(in: 0...6, using: &generator)).map { _ in
                HashField(field: Bool.random(using: &generator) ? Array((fieldNames.randomElement(using: &generator) ?? "").utf8) : generator.bytes(upTo: 40),
                          value: text(using: &generator))
            }
            value = .hash(fields: fields, count: fields.count + Int.random(in: 0...3, using: &generator))
        case 2:
            type = .zset
            let scores: [Double] = [0, 1, -1, 1e13 + 3, 3e13, .infinity, -.infinity, .greatestFiniteMagnitude, 1.5]
            let members = (0..<Int.random(in: 0...5, using: &generator)).map { _ in
                ZSetMember(member: text(using: &generator), score: scores.randomElement(using: &generator) ?? 0)
            }
            value = .zset(members: members, count: members.count)
        case 3:
            type = .list
            let elements = (0..<Int.random(in: 0...4, using: &generator)).map { _ in text(using: &generator) }
            value = .list(elements: elements, count: elements.count)
        case 4:
            type = .stream
            let entries = (0..<Int.random(in: 0...3, using: &generator)).map { index in
                StreamEntry(id: "\(index)-\(Int.random(in: 0...9, using: &generator))",
                            fields: [HashField(field: Array("type".utf8), value: text(using: &generator))])
            }
            value = .stream(entries: entries, length: entries.count)
        case 5:
            type = .set
            value = .set(count: Int.random(in: 0...10, using: &generator))
        default:
            type = [.none, .other].randomElement(using: &generator) ?? .none
            value = .unread
        }
        return KeyRecord(key: key, type: type, pttl: pttl, value: value)
    }

    /// A value that is often shaped like a token or JSON a recogniser parses, and often not.
    public static func text(using generator: inout SeededGenerator) -> [UInt8] {
        let shapes = [
            "1700000000000-web-1-4242-0badcafe", "1700000000000-0.8123", "locked", "3f2a9c1e-77b0-4c1e-9a2b-5d6e7f8a9b0c:1",
            "0123456789abcdef0123456789abcdef", "c29tZS1iYXNlNjQtdG9rZW4=", "{\"state\":\"done\",\"index\":0,\"attempt\":1}",
            "[{\"kind\":\"stock\",\"parameters\":{\"sku\":\"a\"}}]", "1700000000000", "prepared", "compensating", "",
        ]
        let base = Array((shapes.randomElement(using: &generator) ?? "").utf8)
        switch Int.random(in: 0..<3, using: &generator) {
        case 0: return base
        case 1: return base + generator.bytes(upTo: 12)
        default: return generator.bytes(upTo: 48)
        }
    }
}
