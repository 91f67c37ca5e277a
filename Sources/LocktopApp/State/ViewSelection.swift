import TerminalUI

/// Which row of a view is selected. The row's id is kept next to the index because rows
/// move between snapshots (new keys, TTL sorting) and the operator's choice must not.
public struct ViewSelection: Sendable, Hashable {
    /// The selected row's id (a key, or a key plus member), or nil when nothing is selected.
    public var id: [UInt8]?
    /// Index and scroll offset in the filtered, sorted rows.
    public var table: TableState

    /// A selection of nothing, scrolled to the top.
    public init(id: [UInt8]? = nil, table: TableState = TableState()) {
        self.id = id
        self.table = table
    }
}

/// The column a view is sorted by and its direction.
public struct SortState: Sendable, Hashable {
    /// Index into the view's columns; nil keeps the natural order (by key, events newest first).
    public var column: Int?
    /// Largest first.
    public var descending: Bool

    /// The natural order.
    public init(column: Int? = nil, descending: Bool = false) {
        self.column = column
        self.descending = descending
    }
}
