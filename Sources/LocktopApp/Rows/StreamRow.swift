import Foundation
import LockInspector

/// The Streams view: the newest entries of each event stream, newest first; an empty stream gets one row.
enum StreamRow {
    typealias Item = (stream: StreamEntity, entry: StreamEntry?)

    static let columns: [RowColumn<Item>] = [
        RowColumn("STREAM", width: .flex(1, min: 14), cell: { item, _ in RowCell(key: item.stream.key) },
                  sortKey: { item, _ in .text(String(decoding: item.stream.key, as: UTF8.self)) }),
        RowColumn("LEN", width: .fixed(6), alignment: .right, cell: { item, _ in RowCell("\(item.stream.length)", role: .dim) },
                  sortKey: { item, _ in .number(Double(item.stream.length)) }),
        RowColumn("ID", width: .min(15), cell: { item, _ in RowCell(item.entry?.id ?? "(empty)", role: .dim) },
                  sortKey: { item, _ in item.entry.map { .text($0.id) } ?? .missing }),
        RowColumn("EVENT", width: .flex(2, min: 12), cell: { item, _ in RowCell(item.entry.map(summary) ?? "") }),
    ]

    static func rows(_ snapshot: Snapshot, _ context: RowContext) -> [ListedRow] {
        snapshot.streams.flatMap { stream -> [ListedRow] in
            let items: [Item] = stream.latest.isEmpty ? [(stream, nil)] : stream.latest.map { (stream, $0) }
            return items.map { item in
                let (cells, sortKeys) = columns.fill(item, context)
                return ListedRow(id: stream.key + [0] + Array((item.entry?.id ?? "").utf8), subject: .streamEntry(stream, item.entry),
                                 cells: cells, sortKeys: sortKeys,
                                 searchText: KeyText.plain(stream.key) + " " + (item.entry.map(summary) ?? ""),
                                 role: nil, barFraction: nil)
            }
        }
    }

    /// `type=OrderPlaced amount=12`: every field, in order.
    static func summary(_ entry: StreamEntry) -> String {
        entry.fields.map { "\($0.fieldName)=\(KeyText.full($0.value, limit: 200))" }.joined(separator: " ")
    }
}
