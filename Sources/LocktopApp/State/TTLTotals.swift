import LockInspector

/// The largest TTL seen per lock key, so a TTL bar shows how much of it is left.
///
/// Two arrays sorted by key (the key arrays are the snapshot's own, shared, not copied)
/// instead of a dictionary: with 100,000 locks that is 1.6 MB instead of about 6.
public struct TTLTotals: Sendable {
    private var keys: [[UInt8]] = []
    private var milliseconds: [Int64] = []

    /// No TTL seen yet.
    public init() {}

    /// The largest TTL seen for `key`, if it ever had one.
    public subscript(key: [UInt8]) -> Duration? {
        var low = 0, high = keys.count
        while low < high {
            let middle = (low + high) / 2
            if keys[middle] == key { return .milliseconds(milliseconds[middle]) }
            if NaturalOrder.precedes(keys[middle], key) { low = middle + 1 } else { high = middle }
        }
        return nil
    }

    /// The totals after `snapshot`: each lock with a TTL keeps the larger of its TTL and what
    /// was seen before; keys that are gone (or lost their TTL) are forgotten.
    func remembering(_ snapshot: Snapshot) -> TTLTotals {
        var next = TTLTotals()
        next.keys.reserveCapacity(snapshot.locks.count)
        next.milliseconds.reserveCapacity(snapshot.locks.count)
        // Both sides are sorted by key (natural order, as the snapshot): one merge pass.
        var old = 0
        for lock in snapshot.locks {
            guard case .remaining(let ttl) = lock.ttl else { continue }
            while old < keys.count, NaturalOrder.precedes(keys[old], lock.key) { old += 1 }
            let seen = old < keys.count && keys[old] == lock.key ? milliseconds[old] : 0
            next.keys.append(lock.key)
            next.milliseconds.append(max(seen, Self.milliseconds(ttl)))
        }
        return next
    }

    private static func milliseconds(_ duration: Duration) -> Int64 {
        let (seconds, attoseconds) = duration.components
        return seconds * 1000 + attoseconds / 1_000_000_000_000_000
    }
}
