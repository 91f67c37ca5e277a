/// A table column declared as data: title, width rule and alignment.
///
/// ```swift
/// let columns = [
///     TableColumn("KEY", width: .flex(2, min: 10)),
///     TableColumn("OWNER", width: .min(12)),
///     TableColumn("TTL", width: .fixed(8), alignment: .right),
/// ]
/// ```
public struct TableColumn: Hashable, Sendable {
    /// How a column's width is chosen.
    public enum Width: Hashable, Sendable {
        /// Exactly this many columns (less only when the table is narrower).
        case fixed(Int)
        /// At least this many, growing to fit the widest cell when there is room.
        case min(Int)
        /// A share of the room left over, by weight, never below `min`.
        case flex(Int, min: Int = 0)
    }

    /// The header text.
    public var title: String
    /// How the width is chosen.
    public var width: Width
    /// Where text sits in the column.
    public var alignment: Alignment

    /// Creates a column.
    public init(_ title: String, width: Width = .min(0), alignment: Alignment = .left) {
        self.title = title
        self.width = width
        self.alignment = alignment
    }
}

/// One cell of a table row; its style, when set, is laid over the row's.
public struct TableCell: Hashable, Sendable, ExpressibleByStringLiteral {
    /// The text shown, already sanitised.
    public var text: DisplayText
    /// A style laid over the row's, or nil for the row's own.
    public var style: Style?

    /// A cell of a Swift string (controls escaped).
    public init(_ text: String, style: Style? = nil) {
        self.text = DisplayText(text)
        self.style = style
    }

    /// A cell of sanitised text (for example `DisplayText(bytes:)` of a binary key).
    public init(_ text: DisplayText, style: Style? = nil) {
        self.text = text
        self.style = style
    }

    /// A cell of a string literal.
    public init(stringLiteral value: String) {
        self.init(value)
    }
}

/// A table row: cells in column order and an optional style for the whole row.
public struct TableRow: Hashable, Sendable {
    /// The cells in column order.
    public var cells: [TableCell]
    /// A style laid over the table's for the whole row (for example critical rows).
    public var style: Style?

    /// Creates a row; missing cells show empty, extra cells are ignored.
    public init(_ cells: [TableCell], style: Style? = nil) {
        self.cells = cells
        self.style = style
    }
}
