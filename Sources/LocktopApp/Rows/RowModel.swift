import Foundation
import LockInspector
import TerminalUI

/// One table cell before a theme is chosen: text and the role that colours it.
///
/// Plain text is sanitised for the screen only when the cell is drawn.
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

/// What a sort column compares: numbers before text, missing values last; text in natural
/// order, so `saga-0-2` comes before `saga-0-10`.
///
/// Sort keys do not depend on the clock: times sort by the instant they name (an age by its
/// start, a TTL by what the snapshot read), so an order stays right while the screen counts down.
enum SortKey: Sendable, Comparable {
    case number(Double)
    /// Text as UTF-8 bytes: compared byte-wise (natural order), not by Unicode's rules, which
    /// made sorting 100,000 owners take several times longer.
    case bytes([UInt8])
    case missing

    /// Text, sorted in natural order.
    static func text(_ text: String) -> SortKey { .bytes(Array(text.utf8)) }

    /// A key, sorted in natural order, as the snapshot lists keys.
    static func key(_ key: [UInt8]) -> SortKey { .bytes(key) }

    static func < (left: SortKey, right: SortKey) -> Bool {
        compare(left, right, descending: false) < 0
    }

    /// Negative, zero or positive as `left` sorts before, with or after `right`; missing
    /// values sort last in either direction. One comparison, for sorting 100,000 rows.
    static func compare(_ left: SortKey, _ right: SortKey, descending: Bool) -> Int {
        let order: Int
        switch (left, right) {
        case (.missing, .missing): return 0
        case (.missing, _): return 1
        case (_, .missing): return -1
        case (.number(let a), .number(let b)): order = a < b ? -1 : (a > b ? 1 : 0)
        case (.bytes(let a), .bytes(let b)):
            order = a.withUnsafeBufferPointer { a in b.withUnsafeBufferPointer { b in NaturalOrder.compare(a, b) } }
        case (.number, .bytes): order = -1
        case (.bytes, .number): order = 1
        }
        return descending ? -order : order
    }
}

/// What a row stands for, so actions and the detail pane reach the entity itself.
enum RowSubject: Sendable {
    case lock(LockEntity)
    case waiter(QueueEntity, Waiter?)
    case saga(SagaEntity)
    case transaction(TransactionEntity)
    case streamEntry(StreamEntity, StreamEntry?)
    case event(LiveEvent)
    case redlock(RedlockLock)

    /// The Redis key the subject lives in (anomalies are keyed by it).
    var key: [UInt8] {
        switch self {
        case .lock(let lock): lock.key
        case .waiter(let queue, _): queue.key
        case .saga(let saga): saga.key
        case .transaction(let transaction): transaction.key
        case .streamEntry(let stream, _): stream.key
        case .event(let event): event.key
        case .redlock(let lock): lock.key
        }
    }
}

/// A row as drawn, theme-free; built only for the rows on screen and the selected one.
struct ListedRow: Sendable {
    /// Stable across snapshots: the key, or the key plus a member or entry id.
    var id: [UInt8]
    var subject: RowSubject
    var cells: [RowCell]
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
    /// The column sorts by anomalies, which change with the clock: its order is redone when they do.
    var sortsByAnomalies = false

    init(_ title: String, width: TableColumn.Width, alignment: Alignment = .left,
         cell: @escaping @Sendable (Item, RowContext) -> RowCell,
         sortKey: (@Sendable (Item, RowContext) -> SortKey)? = nil) {
        self.column = TableColumn(title, width: width, alignment: alignment)
        self.cell = cell
        self.sortKey = sortKey
    }

    /// The `!` column: the worst anomaly on the item's entity, sorted by severity.
    static func anomalyMark(entity: @escaping @Sendable (Item) -> Entity) -> RowColumn {
        var column = RowColumn("!", width: .fixed(1), cell: { item, context in context.mark(entity(item)) },
                               sortKey: { item, context in context.markSort(entity(item)) })
        column.sortsByAnomalies = true
        return column
    }
}
