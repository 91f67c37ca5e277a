import Foundation
import LockInspector
import TerminalUI

/// The Sagas & 2PC view: sagas and two-phase-commit records side by side.
enum TransactionRow {
    /// A saga or a 2PC record, with what its row shows.
    struct Item: Sendable {
        var key: [UInt8]
        var type: String
        var name: String
        var status: String
        var current: String
        var steps: String
        var updatedAt: Date?
        var subject: RowSubject
    }

    static let columns: [RowColumn<Item>] = [
        RowColumn("!", width: .fixed(1), cell: { item, context in context.mark(item.key) },
                  sortKey: { item, context in context.markSort(item.key) }),
        RowColumn("TYPE", width: .fixed(4), cell: { item, _ in RowCell(item.type, role: .dim) }, sortKey: { item, _ in .text(item.type) }),
        RowColumn("NAME", width: .flex(2, min: 14), cell: { item, _ in RowCell(item.name) }, sortKey: { item, _ in .text(item.name) }),
        RowColumn("STATUS", width: .min(9), cell: { item, _ in RowCell(item.status, role: role(item.status)) },
                  sortKey: { item, _ in .text(item.status) }),
        RowColumn("STEP", width: .flex(1, min: 10), cell: { item, _ in RowCell(item.current) }, sortKey: { item, _ in .text(item.current) }),
        RowColumn("STEPS", width: .min(8), cell: { item, _ in RowCell(item.steps) }),
        RowColumn("IDLE", width: .fixed(6), alignment: .right,
                  cell: { item, context in RowCell(TimeText.age(since: item.updatedAt, now: context.now)) },
                  sortKey: { item, context in item.updatedAt.map { .number(context.now.timeIntervalSince($0)) } ?? .missing }),
    ]

    static func rows(_ snapshot: Snapshot, _ context: RowContext) -> [ListedRow] {
        let sagas = snapshot.sagas.map { saga -> Item in
            let steps = SagaSteps(saga)
            let current = steps.current.map { "\($0.name) (\($0.state))" } ?? "-"
            return Item(key: saga.key, type: "saga", name: "\(saga.name) \(saga.id)", status: saga.status, current: current,
                        steps: steps.marks, updatedAt: saga.updatedAt, subject: .saga(saga))
        }
        let transactions = snapshot.transactions.map { tx in
            Item(key: tx.key, type: "2pc", name: tx.id, status: tx.state, current: "\(tx.participants.count) participant(s)",
                 steps: "", updatedAt: tx.updatedAt, subject: .transaction(tx))
        }
        return (sagas + transactions).map { item in
            let (cells, sortKeys) = columns.fill(item, context)
            let stuck = context.worst(item.key) == .critical
            return ListedRow(id: item.key, subject: item.subject, cells: cells, sortKeys: sortKeys,
                             searchText: [item.type, item.name, item.status, item.current, KeyText.plain(item.key)].joined(separator: " "),
                             role: stuck ? .critical : nil, barFraction: nil)
        }
    }

    static func role(_ status: String) -> Theme.Role? {
        switch status {
        case "completed", "committed": .ok
        case "compensating", "aborting", "prepared", "preparing": .warning
        case "failed", "aborted": .critical
        default: nil
        }
    }
}
