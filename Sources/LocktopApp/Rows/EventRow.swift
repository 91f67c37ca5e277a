import Foundation
import LockInspector
import TerminalUI

/// The Events view: the live feed, newest first.
enum EventRow {
    static let columns: [RowColumn<LiveEvent>] = [
        RowColumn("TIME", width: .fixed(12), cell: { event, context in RowCell(TimeText.clock(event.time, in: context.timeZone), role: .dim) },
                  sortKey: { event, _ in .number(event.time.timeIntervalSince1970) }),
        RowColumn("EVENT", width: .fixed(14), cell: { event, _ in RowCell(event.kind.rawValue, role: role(event.kind)) },
                  sortKey: { event, _ in .text(event.kind.rawValue) }),
        RowColumn("KEY", width: .flex(1, min: 12), cell: { event, _ in RowCell(key: event.key) },
                  sortKey: { event, _ in .key(event.key) }),
        RowColumn("AGO", width: .fixed(7), alignment: .right,
                  cell: { event, context in RowCell(TimeText.age(since: event.time, now: context.now), role: .dim) },
                  // Longest ago first when descending, like the age itself, without the clock.
                  sortKey: { event, _ in .number(-event.time.timeIntervalSince1970) }),
    ]

    static let recipe = RowRecipe(
        columns: columns,
        sources: { context in RowList(context.events.indices.reversed().map(RowSource.event)) },
        item: { source, context in
            guard case .event(let index) = source, context.events.indices.contains(index) else { return nil }
            return context.events[index]
        },
        id: { event in
            let stamp = withUnsafeBytes(of: event.time.timeIntervalSince1970.bitPattern.bigEndian, Array.init)
            return stamp + event.key + Array(event.kind.rawValue.utf8)
        },
        searchText: { event in event.kind.rawValue + " " + KeyText.plain(event.key) },
        look: { event, _ in (.event(event), nil, nil) })

    static func role(_ kind: LiveEvent.Kind) -> Theme.Role {
        switch kind {
        case .acquired: .ok
        case .released: .normal
        case .expired: .warning
        case .extended: .accent
        case .changed: .dim
        case .forceReleased: .danger
        }
    }
}
