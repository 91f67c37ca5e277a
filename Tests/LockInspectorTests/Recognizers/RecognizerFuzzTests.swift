import Foundation
@testable import LockInspector
import LockKit
import Testing

/// Hostile input: recognisers must classify or decline, never crash or hang.
@Suite struct RecognizerFuzzTests {
    static let types: [KeyType] = [.string, .hash, .zset, .list, .set, .stream, .none, .other]

    static let lockLikeNames: [[UInt8]] = {
        let texts = ["lock:", "lock:x", "lock:{x}", "lock:queue:{x}", "lock:queue:deadlines:", "lock-signal:x",
                     "redlock:", "mutex:", "semaphore:", "bull:q:1:lock", "bull::lock", "a_cache_", "_cache_",
                     "redisson_lock_queue:", "redisson_lock_timeout:{", "redisson_lock_timeout:}{", "{x}:timeout",
                     "{}:timeout", ":timeout", "x:rwlock_timeout:", "x:rwlock_timeout:99999999999999999999999",
                     "tx:", "tx:{1}:prepare:0", "saga:", "saga:x:{", "events:", "checkpoint:", "coupon:issue:", "{", "}", ""]
        var names = texts.map { Array($0.utf8) }
        names.append([0x00, 0xFF, 0xC3, 0x28, 0x6C, 0x6F, 0x63, 0x6B, 0x3A])      // binary + "lock:"
        names.append(Array("lock:".utf8) + [0xED, 0xA0, 0x80, 0xF8, 0x88, 0x80])  // surrogate, 5-byte form
        names.append(Array("lock:".utf8) + Array(repeating: UInt8(ascii: "{"), count: 10_000))
        names.append(Array("redisson_lock_timeout:".utf8) + Array(repeating: UInt8(ascii: "x"), count: 10_000))
        names.append(Array(repeating: UInt8(ascii: "}"), count: 10_000) + Array(":timeout".utf8))
        return names
    }()

    static func values(for type: KeyType) -> [KeyValue] {
        let hostile: [[UInt8]] = [[], [0xFF, 0xFE, 0x00], Array("\(Tokens.redissonClient):1".utf8),
                                  Array("\(Tokens.redissonClient):-".utf8), Array("mode".utf8), Array("write".utf8),
                                  Array(repeating: 0x80, count: 5_000), Array("99999999999999999999999999".utf8),
                                  Array(Tokens.uuid1Hex(at: Records.now).utf8), Array(Tokens.redsync.utf8)]
        let huge = Int.max
        switch type {
        case .string:
            return hostile.map { .string(prefix: $0, length: $0.count) } + [.string(prefix: [0x31], length: huge), .string(prefix: [], length: -5)]
        case .hash:
            let fields = hostile.flatMap { field in hostile.map { HashField(field: field, value: $0) } }
            return [.hash(fields: fields, count: huge), .hash(fields: [], count: huge), .hash(fields: fields, count: -1)]
        case .zset:
            let scores: [Double] = [0, -0, 1e308, -1e308, .infinity, -.infinity, .nan, Double.leastNonzeroMagnitude, 1.7e12]
            let members = hostile.flatMap { member in scores.map { ZSetMember(member: member, score: $0) } }
            return [.zset(members: members, count: huge), .zset(members: [], count: huge)]
        case .list:
            return [.list(elements: hostile, count: huge), .list(elements: [], count: -1)]
        case .stream:
            let entry = StreamEntry(id: "", fields: hostile.map { HashField(field: $0, value: $0) })
            return [.stream(entries: [entry], length: huge), .stream(entries: [], length: -1)]
        case .set:
            return [.set(count: huge), .set(count: Int.min)]
        case .none, .other:
            return [.unread]
        }
    }

    @Test(arguments: types)
    func everyRecognizerSurvivesHostileRecordsOfEveryType(_ type: KeyType) {
        // The value's shape need not match the type: the scanner may race a type change.
        let values = Self.values(for: type) + Self.types.flatMap(Self.values(for:)).prefix(4)
        let pttls = [-2, -1, 0, Int.max, Int.min]
        var classified = 0
        for (nameIndex, name) in Self.lockLikeNames.enumerated() {
            for (valueIndex, value) in values.enumerated() {
                let record = KeyRecord(key: name, type: type, pttl: pttls[(nameIndex + valueIndex) % pttls.count], value: value)
                for recognizer in Recognition.standard.recognizers {
                    _ = recognizer.recognize(record, now: Records.now)
                }
                _ = Recognition.standard.classify(record, now: .distantFuture)
                classified += 1
            }
        }
        #expect(classified == Self.lockLikeNames.count * values.count)
    }

    @Test func randomBytesUnderEveryPrefixNeverCrash() {
        var generator = SeededGenerator(seed: 0x5EED)
        let prefixes = Self.lockLikeNames.prefix(31)
        for _ in 0..<3_000 {
            let length = Int.random(in: 0...64, using: &generator)
            let bytes = (0..<length).map { _ in UInt8.random(in: 0...255, using: &generator) }
            let prefix = prefixes.randomElement(using: &generator) ?? []
            let fieldPrefix = Array("\(Tokens.redissonClient):".utf8)
            let records = [
                KeyRecord(key: prefix + bytes, type: .string, pttl: 1, value: .string(prefix: bytes, length: bytes.count)),
                KeyRecord(key: prefix + bytes, type: .hash, pttl: 1,
                          value: .hash(fields: [HashField(field: fieldPrefix + bytes, value: bytes)], count: 1)),
                KeyRecord(key: prefix + bytes, type: .zset, pttl: 1,
                          value: .zset(members: [ZSetMember(member: bytes, score: Double(bitPattern: generator.next()))], count: 1)),
            ]
            for record in records { _ = Recognition.standard.classify(record, now: Records.now) }
        }
    }

    @Test func aTenThousandCharacterNameIsClassifiedAndKeptWhole() {
        let name = "lock:" + String(repeating: "n", count: 10_000)
        let record = Records.string(name, Tokens.pythonRedisLock)
        let lock = Records.lock(Recognition.standard.classify(record, now: Records.now))
        #expect(lock?.resource.count == 10_000)
        #expect(lock?.key == Array(name.utf8))
    }

    @Test func binaryKeysAreKeptByteForByte() {
        let key: [UInt8] = Array("lock:".utf8) + [0x00, 0xFF, 0xFE, 0x0A]
        let record = Records.string(key, Array(Tokens.pythonRedisLock.utf8))
        #expect(Records.lock(Recognition.standard.classify(record, now: Records.now))?.key == key)
        let unknown = Records.string(key, [0xFF])
        guard case .unknown(let kept, _, _) = Recognition.standard.classify(unknown, now: Records.now) else {
            Issue.record("binary value claimed")
            return
        }
        #expect(kept == key)
    }
}

/// A small deterministic generator (SplitMix64), so a failure can be replayed.
struct SeededGenerator: RandomNumberGenerator {
    private var state: UInt64
    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
