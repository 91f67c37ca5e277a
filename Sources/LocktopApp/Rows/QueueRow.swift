import Foundation
import LockInspector

/// The Queues view: one row per waiter (rank order within each queue); an empty queue gets one row.
enum QueueRow {
    typealias Item = (queue: QueueEntity, waiter: Waiter?)

    static let columns: [RowColumn<Item>] = [
        .anomalyMark { .queue($0.queue) },
        RowColumn("QUEUE", width: .flex(3, min: 14), cell: { item, _ in RowCell(key: item.queue.key) },
                  sortKey: { item, _ in .key(item.queue.key) }),
        RowColumn("RANK", width: .fixed(4), alignment: .right,
                  cell: { item, _ in RowCell(item.waiter.map { "\($0.rank + 1)" } ?? "-") },
                  sortKey: { item, _ in item.waiter.map { .number(Double($0.rank)) } ?? .missing }),
        RowColumn("WAITER", width: .flex(2, min: 12),
                  cell: { item, _ in item.waiter.map { RowCell(owner($0)) } ?? RowCell("(no waiters)", role: .dim) },
                  sortKey: { item, _ in item.waiter.map { .text($0.member) } ?? .missing }),
        RowColumn("PRIO", width: .fixed(6), alignment: .right,
                  cell: { item, _ in RowCell(item.waiter.map { priorityText($0.priority) } ?? "") },
                  sortKey: { item, _ in item.waiter.map { .number($0.priority) } ?? .missing }),
        RowColumn("WAITING", width: .fixed(8), alignment: .right,
                  cell: { item, context in RowCell(TimeText.age(since: item.waiter.flatMap(since), now: context.now)) },
                  // Longest waiting first when descending, like the time itself, without the clock.
                  sortKey: { item, _ in item.waiter.flatMap(since).map { .number(-$0.timeIntervalSince1970) } ?? .missing }),
        RowColumn("KIND", width: .min(8), cell: { item, _ in RowCell(item.queue.family.rawValue, role: .dim) },
                  sortKey: { item, _ in .text(item.queue.family.rawValue) }),
    ]

    static let recipe = RowRecipe(
        columns: columns,
        sources: { context in
            RowList(context.snapshot.queues.indices.flatMap { queue -> [RowSource] in
                let waiters = context.snapshot.queues[queue].waiters
                return waiters.isEmpty ? [.waiter(queue: queue, waiter: nil)] : waiters.indices.map { .waiter(queue: queue, waiter: $0) }
            })
        },
        item: { source, context -> Item? in
            guard case .waiter(let index, let position) = source, context.snapshot.queues.indices.contains(index) else { return nil }
            let queue = context.snapshot.queues[index]
            guard let position else { return (queue, nil) }
            return queue.waiters.indices.contains(position) ? (queue, queue.waiters[position]) : nil
        },
        id: { item in item.queue.key + [0] + Array((item.waiter?.member ?? "").utf8) },
        searchText: { item in KeyText.plain(item.queue.key) + " " + item.queue.resource + " " + (item.waiter?.member ?? "") },
        look: { item, _ in (.waiter(item.queue, item.waiter), nil, nil) })

    static func priorityText(_ value: Double) -> String {
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        return String(format: "%.3g", value)
    }

    /// When the waiter started waiting, if its member records it (LockKit tokens start with unix ms).
    static func since(_ waiter: Waiter) -> Date? {
        waiter.owner.acquiredAt
    }

    static func owner(_ waiter: Waiter) -> String {
        guard let host = waiter.owner.host, let pid = waiter.owner.pid else { return waiter.member }
        return "\(host) pid \(pid)"
    }
}
