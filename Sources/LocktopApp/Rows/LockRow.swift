import Foundation
import LockInspector
import LockKit
import TerminalUI

/// The Locks view's columns and rows: one row per lock key.
enum LockRow {
    /// The column that draws a TTL bar. Columns are hidden from the right when the terminal is
    /// narrow, so they go in the order an on-call engineer needs them.
    static let ttlColumn = 2

    static let columns: [RowColumn<LockEntity>] = [
        .anomalyMark { .lock($0) },
        RowColumn("KEY", width: .flex(3, min: 16), cell: { lock, _ in RowCell(key: lock.key) },
                  sortKey: { lock, _ in .key(lock.key) }),
        RowColumn("TTL", width: .fixed(14), cell: { lock, context in ttlCell(lock, context) },
                  sortKey: { lock, _ in ttlSort(lock) }),
        RowColumn("OWNER", width: .flex(2, min: 12), cell: { lock, context in ownerCell(lock, context) },
                  sortKey: { lock, _ in .text(owner(lock)) }),
        RowColumn("AGE", width: .fixed(6), alignment: .right,
                  cell: { lock, context in RowCell(TimeText.age(since: acquiredAt(lock), now: context.now)) },
                  // Longest held first when descending, like the age itself, without the clock.
                  sortKey: { lock, _ in acquiredAt(lock).map { .number(-$0.timeIntervalSince1970) } ?? .missing }),
        RowColumn("WAIT", width: .fixed(4), alignment: .right, cell: { lock, context in waiters(lock, context) },
                  sortKey: { lock, context in .number(Double(waiterCount(lock, context))) }),
        RowColumn("KIND", width: .flex(1, min: 8), cell: { lock, _ in RowCell(kind(lock), role: .dim) },
                  sortKey: { lock, _ in .text(kind(lock)) }),
    ]

    static let recipe = RowRecipe(
        columns: columns, barColumn: ttlColumn,
        sources: { context in .allLocks(context.snapshot.locks.count) },
        item: { source, context in
            guard case .lock(let index) = source, context.snapshot.locks.indices.contains(index) else { return nil }
            return context.snapshot.locks[index]
        },
        id: \.key,
        searchText: { lock in [KeyText.plain(lock.key), lock.resource, kind(lock), owner(lock)].joined(separator: " ") },
        look: { lock, context in
            let critical = context.worst(.lock(lock)) == .critical || lock.ttl == .noExpiry
            return (.lock(lock), critical ? .critical : nil, fraction(lock, context))
        })

    /// `possible` first when only the token's shape made it a lock.
    static func kind(_ lock: LockEntity) -> String {
        (lock.confidence == .possible ? "possible " : "") + "\(lock.family.rawValue) \(lock.kind.rawValue)"
    }

    /// `host pid N` when the token says so, else the token; `+N` for further holders. A lock
    /// several may hold says its mode and how many hold it: `read: 3 readers`, `2/5 permits`.
    static func owner(_ lock: LockEntity) -> String {
        if let holds = lock.shared {
            if holds.permits != nil || holds.holders.first?.role == .permit { return holds.summary }
            if holds.mode == .write, let writer = holds.holders.first(where: { $0.role == .writer }) { return "write: " + describe(writer.owner) }
            return holds.mode == .free ? "free" : "read: " + holds.summary
        }
        guard let first = lock.firstOwner else { return "?" }
        var text = describe(first)
        if lock.ownerCount > 1 { text += " +\(lock.ownerCount - 1)" }
        return text
    }

    static func describe(_ owner: LockOwner) -> String {
        if let host = owner.host, let pid = owner.pid { return "\(host) pid \(pid)" + (owner.thread.map { " thread \($0)" } ?? "") }
        return owner.token
    }

    static func acquiredAt(_ lock: LockEntity) -> Date? {
        lock.acquiredAt
    }

    /// The TTL that matters first: a shared lock's shortest holder lease, else the key's.
    static func shownTTL(_ lock: LockEntity) -> LockTTL {
        lock.shared?.shortestTTL ?? lock.ttl
    }

    static func ttlText(_ lock: LockEntity, _ context: RowContext) -> String {
        ttlText(shownTTL(lock), context)
    }

    static func ttlText(_ ttl: LockTTL, _ context: RowContext) -> String {
        switch ttl {
        case .missing: "gone"
        case .noExpiry: "no TTL"
        case .remaining: context.remaining(ttl).map(TimeText.duration) ?? "?"
        }
    }

    /// The label the bar shows; the bar itself is drawn over the cell by the view.
    private static func ttlCell(_ lock: LockEntity, _ context: RowContext) -> RowCell {
        RowCell(ttlText(lock, context), role: shownTTL(lock) == .noExpiry ? .critical : nil)
    }

    /// By the TTL the snapshot read: every lock counts down at the same rate, so the order holds.
    private static func ttlSort(_ lock: LockEntity) -> SortKey {
        .number(shownTTL(lock).orderSeconds)
    }

    /// Remaining over the largest TTL seen for the key; nil when the lock has no countdown.
    static func fraction(_ lock: LockEntity, _ context: RowContext) -> Double? {
        guard let remaining = context.remaining(shownTTL(lock)) else { return nil }
        guard let total = context.ttlTotals[lock.key], total > .zero else { return 1 }
        return min(1, TimeText.seconds(remaining) / TimeText.seconds(total))
    }

    private static func waiters(_ lock: LockEntity, _ context: RowContext) -> RowCell {
        let count = waiterCount(lock, context)
        return count > 0 ? RowCell("\(count)", role: .accent) : RowCell("-", role: .dim)
    }

    /// Queued waiters (and a shared lock's waiting writers), or the release channel's
    /// subscribers when more wait there (a notified lock's waiters are in no queue); the
    /// larger, as a priority lock's queue waiters also subscribe.
    static func waiterCount(_ lock: LockEntity, _ context: RowContext) -> Int {
        max((context.waiters[lock.resource] ?? 0) + (lock.shared?.waitingWriters.count ?? 0),
            context.snapshot.liveness?.waiters(of: lock) ?? 0)
    }

    /// Whether the owner still has a connection (`✓`, `✗`, `?`), when it was read, then the owner.
    static func ownerStatus(_ lock: LockEntity, _ context: RowContext) -> OwnerStatus? {
        context.snapshot.liveness?.status(of: lock)
    }

    private static func ownerCell(_ lock: LockEntity, _ context: RowContext) -> RowCell {
        guard let status = ownerStatus(lock, context) else { return RowCell(owner(lock)) }
        return RowCell(status.mark + " " + owner(lock), role: status == .gone ? .critical : nil)
    }
}
