/// One terminal cell: a grapheme and its style.
///
/// A wide grapheme takes its own cell and the one to its right; that second cell is a
/// *continuation*: it holds no symbol and is never written to the terminal by itself.
public struct Cell: Hashable, Sendable {
    /// The grapheme drawn here; empty for a continuation cell.
    public private(set) var symbol: String
    /// Columns the symbol takes: 1 or 2, or 0 for a continuation.
    public private(set) var width: Int
    /// How the symbol looks.
    public var style: Style

    /// A cell showing `character` (controls and zero-width characters become a space).
    public init(_ character: Character, style: Style = .plain) {
        let grapheme = Grapheme(character)
        if grapheme.width == 0 || DisplayText(String(character)).graphemes.count != 1 {
            self.init(grapheme: .space, style: style)
        } else {
            self.init(grapheme: grapheme, style: style)
        }
    }

    init(grapheme: Grapheme, style: Style) {
        self.symbol = grapheme.symbol
        self.width = grapheme.width
        self.style = style
    }

    /// The right half of a wide grapheme.
    static func continuation(style: Style) -> Cell {
        var cell = Cell(grapheme: .space, style: style)
        cell.symbol = ""
        cell.width = 0
        return cell
    }

    /// A space in the terminal's default style.
    public static let blank = Cell(grapheme: .space, style: .plain)

    /// True for the right half of a wide grapheme.
    public var isContinuation: Bool { width == 0 }

    /// Appends a zero-width grapheme (such as a lone combining mark) to the symbol.
    mutating func attach(_ zeroWidth: Grapheme) {
        symbol += zeroWidth.symbol
    }
}
