import Foundation
import LockInspector
import TerminalUI

/// The Redlock view: one row per lock key over independent servers, a column per server
/// (owner's short token and TTL there), and the verdict (quorum, minority, split).
enum RedlockRow {
    /// The recipe for `servers` servers: their columns come after the verdict.
    static func recipe(servers: Int) -> RowRecipe {
        RowRecipe(
            columns: columns(servers: servers),
            sources: { context in RowList((context.redlock?.locks.indices ?? 0..<0).map(RowSource.redlock)) },
            item: { source, context in
                guard case .redlock(let index) = source, let locks = context.redlock?.locks, locks.indices.contains(index) else { return nil }
                return locks[index]
            },
            id: \.key,
            searchText: { lock in KeyText.plain(lock.key) + " " + lock.resource + " " + RedlockReport.verdict(lock) },
            look: { lock, context in
                (.redlock(lock), severity(lock, context) == .critical ? .critical : nil, nil)
            })
    }

    static func columns(servers: Int) -> [RowColumn<RedlockLock>] {
        var columns: [RowColumn<RedlockLock>] = [
            RowColumn("!", width: .fixed(1), cell: { lock, context in mark(lock, context) },
                      sortKey: { lock, context in severity(lock, context).map { .number($0 == .critical ? 2 : 1) } ?? .number(0) }),
            RowColumn("KEY", width: .flex(2, min: 16), cell: { lock, _ in RowCell(key: lock.key) },
                      sortKey: { lock, _ in .key(lock.key) }),
            RowColumn("STATE", width: .fixed(14), cell: { lock, context in
                RowCell(RedlockReport.verdict(lock), role: severity(lock, context).map { $0 == .critical ? .critical : .warning })
            }, sortKey: { lock, _ in .text(RedlockReport.verdict(lock)) }),
        ]
        for index in 0..<servers {
            columns.append(RowColumn("SERVER \(index + 1)", width: .flex(1, min: 12), cell: { lock, context in
                server(index, of: lock, context)
            }))
        }
        return columns
    }

    /// `9.8s …abcdef012345` (the TTL first: a narrow column cuts the end), `-` where the key is not held,
    /// `?` where the server could not be read.
    static func server(_ index: Int, of lock: RedlockLock, _ context: RowContext) -> RowCell {
        guard lock.readable.indices.contains(index), lock.readable[index] else { return RowCell("?", role: .critical) }
        guard let held = lock.perServer[index] else { return RowCell("-", role: .dim) }
        return RowCell(LockRow.ttlText(held, context) + " " + RedlockReport.shortToken(held.rawToken ?? []))
    }

    private static func severity(_ lock: RedlockLock, _ context: RowContext) -> Anomaly.Severity? {
        let found = context.redlock?.anomalies.filter { $0.key == lock.key }.map(\.severity) ?? []
        return found.contains(.critical) ? .critical : found.first
    }

    private static func mark(_ lock: RedlockLock, _ context: RowContext) -> RowCell {
        switch severity(lock, context) {
        case .critical: RowCell("!", role: .critical)
        case .warning: RowCell("!", role: .warning)
        case nil: RowCell("")
        }
    }
}
