import Foundation
import LockInspector

/// The Streams view: the newest entries of each event stream, newest first; an empty stream gets one row.
enum StreamRow {
    typealias Item = (stream: StreamEntity, entry: StreamEntry?)

    static let columns: [RowColumn<Item>] = [
        RowColumn("STREAM", width: .flex(1, min: 14), cell: { item, _ in RowCell(key: item.stream.key) },
                  sortKey: { item, _ in .key(item.stream.key) }),
        RowColumn("LEN", width: .fixed(6), alignment: .right, cell: { item, _ in RowCell("\(item.stream.length)", role: .dim) },
                  sortKey: { item, _ in .number(Double(item.stream.length)) }),
        RowColumn("ID", width: .min(15), cell: { item, _ in RowCell(item.entry?.id ?? "(empty)", role: .dim) },
                  sortKey: { item, _ in item.entry.map { .text($0.id) } ?? .missing }),
        RowColumn("EVENT", width: .flex(2, min: 12), cell: { item, _ in RowCell(item.entry.map(summary) ?? "") }),
    ]

    static let recipe = RowRecipe(
        columns: columns,
        sources: { context in
            RowList(context.snapshot.streams.indices.flatMap { stream -> [RowSource] in
                let latest = context.snapshot.streams[stream].latest
                return latest.isEmpty ? [.streamEntry(stream: stream, entry: nil)] : latest.indices.map { .streamEntry(stream: stream, entry: $0) }
            })
        },
        item: { source, context -> Item? in
            guard case .streamEntry(let index, let position) = source, context.snapshot.streams.indices.contains(index) else { return nil }
            let stream = context.snapshot.streams[index]
            guard let position else { return (stream, nil) }
            return stream.latest.indices.contains(position) ? (stream, stream.latest[position]) : nil
        },
        id: { item in item.stream.key + [0] + Array((item.entry?.id ?? "").utf8) },
        searchText: { item in KeyText.plain(item.stream.key) + " " + (item.entry.map(summary) ?? "") },
        look: { item, _ in (.streamEntry(item.stream, item.entry), nil, nil) })

    /// `type=OrderPlaced amount=12`: every field, in order.
    static func summary(_ entry: StreamEntry) -> String {
        entry.fields.map { "\($0.fieldName)=\(KeyText.full($0.value, limit: 200))" }.joined(separator: " ")
    }
}
