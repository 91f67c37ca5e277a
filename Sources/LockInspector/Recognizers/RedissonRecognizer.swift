import Foundation
import LockKit

/// Redisson (Java): RLock, FairLock, ReadWriteLock, FencedLock and PermitExpirableSemaphore.
///
/// The lock itself is a hash under the user's own name, so it is recognised by its fields
/// (`<client-uuid>:<threadId>` -> hold count), whatever the key is called. Redisson records
/// no host: the client UUID (one per Redisson instance, so per process) stands in for it.
public struct RedissonRecognizer: Recognizer {
    public init() {}

    public func recognize(_ record: KeyRecord, now: Date) -> Entity? {
        switch record.value {
        case .hash(let fields, _):
            return lock(record, fields)
        case .zset(let members, let count):
            if let resource = Self.auxiliaryName(record.name, prefix: "redisson_lock_timeout:") {
                return fairQueue(record, resource, members, count)
            }
            return semaphore(record, members, now: now)
        case .list:
            // Same members, same order as the timeout zset, which also has their deadlines
            // and so is the one reported as the queue.
            if record.name.hasPrefix("redisson_lock_queue:") { return auxiliary(record, "fair-lock queue order") }
            return nil
        case .string:
            if record.name.hasPrefix("redisson_lock_token:") { return auxiliary(record, "fencing token counter") }
            if record.name.hasPrefix("redisson_unlock_latch:") { return auxiliary(record, "unlock latch") }
            if Self.isReadHoldTimeout(record.key) { return auxiliary(record, "read-lock hold timeout") }
            return nil
        default:
            return nil
        }
    }

    private func auxiliary(_ record: KeyRecord, _ role: String) -> Entity {
        .auxiliary(key: record.key, role: role, family: .redisson)
    }

    /// An RLock or ReadWriteLock hash: every field read is a holder or `mode`, and one is a holder.
    private func lock(_ record: KeyRecord, _ fields: [HashField]) -> Entity? {
        var owners: [LockOwner] = []
        var holds: [SharedHolder] = []
        var rawToken: [UInt8]?
        var hasMode = false
        let ttl = LockTTL(pttl: record.pttl)
        for field in fields {
            if field.field == Array("mode".utf8) {
                guard field.value == Array("read".utf8) || field.value == Array("write".utf8) else { return nil }
                hasMode = true
                continue
            }
            guard TokenShape.isDecimal(field.value), let holder = Self.holder(field.field) else { return nil }
            let owner = LockOwner(token: KeyNames.displayToken(field.field), host: holder.client, thread: holder.thread)
            owners.append(owner)
            // Each read hold's own timeout is a key of its own; the hash's TTL stands for all of them.
            holds.append(SharedHolder(role: field.field.suffix(Self.writeSuffix.count).elementsEqual(Self.writeSuffix) ? .writer : .reader,
                                      owner: owner, rawMember: field.field, ttl: ttl))
            if rawToken == nil { rawToken = field.field }
        }
        guard !owners.isEmpty else { return nil }
        if hasMode {
            // A ReadWriteLock announces on `redisson_rwlock:`, which no waiter count reads yet.
            return .lock(LockEntity(key: record.key, resource: record.name, family: .redisson, kind: .readWrite,
                                    shared: SharedHolds(holders: holds), ttl: ttl))
        }
        return .lock(LockEntity(key: record.key, resource: record.name, family: .redisson,
                                kind: .reentrant, owners: owners, ttl: ttl, rawToken: rawToken, releaseSignal: .redisson))
    }

    /// What a ReadWriteLock's write hold's field ends with.
    private static let writeSuffix = Array(":write".utf8)

    /// `<uuid36>:<threadId>` or, for a write hold, `<uuid36>:<threadId>:write`.
    static func holder(_ field: [UInt8]) -> (client: String, thread: String)? {
        guard field.count >= 38, field.count <= 64, TokenShape.isUUID(field[0..<36]),
              field[36] == UInt8(ascii: ":") else { return nil }
        var thread = field[37...]
        if thread.count > Self.writeSuffix.count, thread.suffix(Self.writeSuffix.count).elementsEqual(Self.writeSuffix) {
            thread = thread.dropLast(Self.writeSuffix.count)
        }
        // Thread ids are Java longs; the async API lets callers pass any long, negative too.
        let digits = thread.first == UInt8(ascii: "-") ? thread.dropFirst() : thread
        guard TokenShape.isDecimal(digits) else { return nil }
        return (String(decoding: field[0..<36], as: UTF8.self), String(decoding: thread, as: UTF8.self))
    }

    /// The fair lock's waiters, in queue order (deadlines grow along the queue), with deadlines.
    private func fairQueue(_ record: KeyRecord, _ resource: String, _ members: [ZSetMember], _ count: Int) -> Entity {
        let waiters = members.enumerated().map { rank, member in
            Waiter(member: KeyNames.displayToken(member.member), rawMember: member.member, rank: rank, score: member.score,
                   owner: Self.holder(member.member).map {
                       LockOwner(token: KeyNames.displayToken(member.member), host: $0.client, thread: $0.thread)
                   }, deadline: member.score.isFinite ? Date(timeIntervalSince1970: member.score / 1000) : nil)
        }
        return .queue(QueueEntity(key: record.key, resource: resource, family: .redisson, waiters: waiters, count: count))
    }

    /// A PermitExpirableSemaphore's `{name}:timeout` zset: permit ids (hex) scored by expiry
    /// (the client's clock, ms). The permit count lives in another key, so it is not shown.
    private func semaphore(_ record: KeyRecord, _ members: [ZSetMember], now: Date) -> Entity? {
        guard let resource = Self.suffixedName(record.name, suffix: "timeout"), !members.isEmpty,
              members.allSatisfy({ Self.isPermitID($0.member) }) else { return nil }
        let holders = members.map { member in
            SharedHolder(role: .permit, owner: LockOwner(token: KeyNames.displayToken(member.member)), rawMember: member.member,
                         ttl: member.score.isFinite ? .remaining(.milliseconds(max(0, Int64(member.score - now.timeIntervalSince1970 * 1000))))
                                                    : .noExpiry)
        }
        return .lock(LockEntity(key: record.key, resource: resource, family: .redisson, kind: .semaphore,
                                shared: SharedHolds(holders: holders), ttl: LockTTL(pttl: record.pttl)))
    }

    /// Redisson's permit ids are random bytes in lowercase hex (8 or 16 bytes, by version).
    private static func isPermitID(_ bytes: [UInt8]) -> Bool {
        (bytes.count == 16 || bytes.count == 32) && bytes.allSatisfy(TokenShape.isLowerHex)
    }

    /// The lock name in `prefix:{name}`, or `prefix:name` when the name has its own braces.
    static func auxiliaryName(_ name: String, prefix: String) -> String? {
        guard name.hasPrefix(prefix) else { return nil }
        let rest = name.dropFirst(prefix.count)
        guard !rest.isEmpty else { return nil }
        return String(unwrapped(rest))
    }

    /// The lock name in `{name}:suffix`, or `name:suffix` when the name has its own braces.
    static func suffixedName(_ name: String, suffix: String) -> String? {
        guard name.hasSuffix(":" + suffix) else { return nil }
        let base = name.dropLast(suffix.count + 1)
        let inner = unwrapped(base)
        // Redisson wraps a brace-less name, so a bare name without braces is not its key.
        guard inner.count < base.count || base.contains("{") else { return nil }
        return inner.isEmpty ? nil : String(inner)
    }

    /// `{name}:<uuid>:<threadId>:rwlock_timeout:<n>`: one per read hold of a ReadWriteLock.
    /// Looks only at the key's tail: this runs for every string the scanner reads.
    private static func isReadHoldTimeout(_ key: [UInt8]) -> Bool {
        let digits = key.reversed().prefix { TokenShape.isDigit($0) }.count
        let marker = Array(":rwlock_timeout:".utf8)
        guard digits > 0, digits <= 20, key.count - digits > marker.count else { return false }
        return key[..<(key.count - digits)].suffix(marker.count).elementsEqual(marker)
    }

    /// `{name}` -> `name` when the braces enclose the whole text and nothing else has braces.
    private static func unwrapped(_ text: Substring) -> Substring {
        guard text.first == "{", text.last == "}", text.count >= 2 else { return text }
        let inner = text.dropFirst().dropLast()
        return inner.contains("{") || inner.contains("}") ? text : inner
    }
}
