import Foundation

/// Pure helpers for keyspace notifications: which config flags we need, what a message means.
public enum KeyspaceEvents {
    /// The event classes `A` stands for in `notify-keyspace-events` (Redis 7).
    static let allClasses = Set("g$lshzxetd")
    /// The classes lock layouts need: generic (del, expire), strings, hashes, zsets, lists, streams, expired.
    static let neededClasses = Set("g$hzlxt")

    /// Whether `flags` (CONFIG GET notify-keyspace-events) delivers keyspace events for locks.
    public static func covers(_ flags: String) -> Bool {
        guard flags.contains("K") else { return false }
        var classes = Set(flags)
        if classes.contains("A") { classes.formUnion(allClasses) }
        return neededClasses.isSubset(of: classes)
    }

    /// `flags` with what we need added, keeping what the server already had.
    public static func enabling(_ flags: String) -> String {
        var result = flags
        for flag in "KA" where !result.contains(flag) { result.append(flag) }
        return result
    }

    /// The pattern to PSUBSCRIBE for keys matching `keyPattern` in `database`.
    public static func channelPattern(database: Int, keyPattern: String) -> String {
        "__keyspace@\(database)__:\(keyPattern)"
    }

    /// The key a keyspace channel is about (`__keyspace@0__:lock:{a}` -> `lock:{a}`).
    public static func key(fromChannel channel: [UInt8]) -> [UInt8]? {
        let prefix = Array("__keyspace@".utf8)
        guard channel.starts(with: prefix), let end = channel.firstIndex(of: UInt8(ascii: ":")) else { return nil }
        let marker = channel[prefix.count..<end]
        guard marker.last == UInt8(ascii: "_") else { return nil }
        return Array(channel[(end + 1)...])
    }

    /// The lock a release message is about: `lock:channel:{r}` -> `lock:{r}` (LockKit's
    /// layout), `lock:channel:lock:r` -> `lock:r` (the guide's, whose channel names the full key).
    public static func lockKey(fromReleaseChannel channel: [UInt8]) -> [UInt8]? {
        let prefix = Array("lock:channel:".utf8)
        guard channel.starts(with: prefix), channel.count > prefix.count else { return nil }
        let rest = Array(channel[prefix.count...])
        return rest.starts(with: Array("lock:".utf8)) ? rest : Array("lock:".utf8) + rest
    }

    /// What an event does to our picture of the key.
    public enum Effect: Sendable, Hashable {
        /// The key is gone: drop it, nothing to read.
        case removed
        /// A string was written: two commands (PTTL, GETRANGE) read it again.
        case stringWritten
        /// Anything else: read the key again in full.
        case changed
    }

    static let removals: Set = ["del", "expired", "evicted", "unlink", "rename_from", "move_from"]
    static let stringWrites: Set = ["set", "setrange", "incrby", "incrbyfloat", "append", "getex"]
    static let expiries: Set = ["expire", "pexpire", "expireat", "pexpireat"]

    /// What the events since the last refresh, in order, do to the key. One `SET ... PX`
    /// arrives as two events ("set", then "expire"), so the whole sequence counts.
    public static func effect(of events: [String]) -> Effect {
        guard let last = events.last else { return .changed }
        if removals.contains(last) { return .removed }
        return events.contains(where: stringWrites.contains) ? .stringWritten : .changed
    }

    /// The live-feed line for the events on a key, given whether we saw the key before.
    public static func liveKind(of events: [String], existedBefore: Bool) -> LiveEvent.Kind {
        if let last = events.last, removals.contains(last) {
            return last == "expired" || last == "evicted" ? .expired : .released
        }
        if events.contains("set") { return existedBefore ? .changed : .acquired }
        if events.contains(where: expiries.contains) { return .extended }
        return .changed
    }
}

/// One line of the Events view.
public struct LiveEvent: Sendable, Hashable {
    public enum Kind: String, Sendable, Hashable {
        case acquired, released, expired, extended, changed
        case forceReleased = "force-released"
    }

    public let time: Date
    public let key: [UInt8]
    public let kind: Kind

    public init(time: Date, key: [UInt8], kind: Kind) {
        self.time = time
        self.key = key
        self.kind = kind
    }
}
