import Foundation
import LockInspector
import TerminalUI

/// One table cell before a theme is chosen: text and the role that colours it.
///
/// Plain text is sanitised for the screen only when the cell is drawn: a view holds a row per
/// lock, and only a screenful of them is ever shown.
struct RowCell: Sendable, Hashable {
    private enum Content: Sendable, Hashable {
        case plain(String)
        case display(DisplayText)
        case key([UInt8])
    }

    private var content: Content
    var role: Theme.Role?

    init(_ text: String, role: Theme.Role? = nil) {
        content = .plain(text)
        self.role = role
    }

    init(_ text: DisplayText, role: Theme.Role? = nil) {
        content = .display(text)
        self.role = role
    }

    /// A key, escaped and capped (`KeyText.cell`) only when drawn.
    init(key: [UInt8], role: Theme.Role? = nil) {
        content = .key(key)
        self.role = role
    }

    /// The text as drawn (controls and invalid bytes escaped).
    var text: DisplayText {
        switch content {
        case .plain(let text): DisplayText(text)
        case .display(let text): text
        case .key(let key): KeyText.cell(key)
        }
    }
}

/// What a sort column compares: numbers before text, missing values last.
enum SortKey: Sendable, Comparable {
    case number(Double)
    case text(String)
    case missing
}

/// What a row stands for, so actions and the detail pane reach the entity itself.
enum RowSubject: Sendable {
    case lock(LockEntity)
    case waiter(QueueEntity, Waiter?)
    case saga(SagaEntity)
    case transaction(TransactionEntity)
    case streamEntry(StreamEntity, StreamEntry?)
    case event(LiveEvent)

    /// The Redis key the subject lives in (anomalies are keyed by it).
    var key: [UInt8] {
        switch self {
        case .lock(let lock): lock.key
        case .waiter(let queue, _): queue.key
        case .saga(let saga): saga.key
        case .transaction(let transaction): transaction.key
        case .streamEntry(let stream, _): stream.key
        case .event(let event): event.key
        }
    }
}

/// A row of a view, theme-free, so `update` (selection, sorting) and `render` share it.
struct ListedRow: Sendable {
    /// Stable across snapshots: the key, or the key plus a member or entry id.
    var id: [UInt8]
    var subject: RowSubject
    var cells: [RowCell]
    var sortKeys: [SortKey]
    /// What the filter matches against.
    var searchText: String
    /// A role for the whole row (critical for a lock that can never expire).
    var role: Theme.Role?
    /// How full the TTL bar is, for views with a bar column.
    var barFraction: Double?
}

/// A column declared as data: its title and width rule, and how an item fills and sorts it.
struct RowColumn<Item>: Sendable {
    var column: TableColumn
    var cell: @Sendable (Item, RowContext) -> RowCell
    /// Nil when the column cannot be sorted on.
    var sortKey: (@Sendable (Item, RowContext) -> SortKey)?

    init(_ title: String, width: TableColumn.Width, alignment: Alignment = .left,
         cell: @escaping @Sendable (Item, RowContext) -> RowCell,
         sortKey: (@Sendable (Item, RowContext) -> SortKey)? = nil) {
        self.column = TableColumn(title, width: width, alignment: alignment)
        self.cell = cell
        self.sortKey = sortKey
    }
}

extension Array {
    /// Cells and sort keys of `item` for these columns.
    func fill<Item>(_ item: Item, _ context: RowContext) -> (cells: [RowCell], sortKeys: [SortKey]) where Element == RowColumn<Item> {
        (map { $0.cell(item, context) }, map { $0.sortKey?(item, context) ?? .missing })
    }
}
