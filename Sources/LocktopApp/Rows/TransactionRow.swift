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
        var entity: Entity
    }

    static let columns: [RowColumn<Item>] = [
        .anomalyMark(entity: \.entity),
        RowColumn("TYPE", width: .fixed(4), cell: { item, _ in RowCell(item.type, role: .dim) }, sortKey: { item, _ in .text(item.type) }),
        RowColumn("NAME", width: .flex(2, min: 14), cell: { item, _ in RowCell(item.name) }, sortKey: { item, _ in .text(item.name) }),
        RowColumn("STATUS", width: .min(9), cell: { item, _ in RowCell(item.status, role: role(item.status)) },
                  sortKey: { item, _ in .text(item.status) }),
        RowColumn("STEP", width: .flex(1, min: 10), cell: { item, _ in RowCell(item.current) }, sortKey: { item, _ in .text(item.current) }),
        RowColumn("STEPS", width: .min(8), cell: { item, _ in RowCell(item.steps) }),
        RowColumn("IDLE", width: .fixed(6), alignment: .right,
                  cell: { item, context in RowCell(TimeText.age(since: item.updatedAt, now: context.now)) },
                  // Longest idle first when descending, like the time itself, without the clock.
                  sortKey: { item, _ in item.updatedAt.map { .number(-$0.timeIntervalSince1970) } ?? .missing }),
    ]

    static let recipe = RowRecipe(
        columns: columns,
        sources: { context in
            RowList(context.snapshot.sagas.indices.map(RowSource.saga) + context.snapshot.transactions.indices.map(RowSource.transaction))
        },
        item: { source, context -> Item? in
            switch source {
            case .saga(let index) where context.snapshot.sagas.indices.contains(index): item(context.snapshot.sagas[index])
            case .transaction(let index) where context.snapshot.transactions.indices.contains(index): item(context.snapshot.transactions[index])
            default: nil
            }
        },
        id: \.key,
        searchText: { item in [item.type, item.name, item.status, item.current, KeyText.plain(item.key)].joined(separator: " ") },
        look: { item, context in (item.subject, context.worst(item.entity) == .critical ? .critical : nil, nil) })

    private static func item(_ saga: SagaEntity) -> Item {
        let steps = SagaSteps(saga)
        let current = steps.current.map { "\($0.name) (\($0.state))" } ?? "-"
        return Item(key: saga.key, type: "saga", name: "\(saga.name) \(saga.id)", status: saga.status, current: current,
                    steps: steps.marks, updatedAt: saga.updatedAt, subject: .saga(saga), entity: .saga(saga))
    }

    private static func item(_ tx: TransactionEntity) -> Item {
        Item(key: tx.key, type: "2pc", name: tx.id, status: tx.state, current: "\(tx.participants.count) participant(s)",
             steps: "", updatedAt: tx.updatedAt, subject: .transaction(tx), entity: .transaction(tx))
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
