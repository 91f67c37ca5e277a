/// One grapheme cluster ready for a cell, with the columns it takes (0, 1 or 2).
public struct Grapheme: Hashable, Sendable {
    /// The text drawn; never contains a control character.
    public let symbol: String
    /// Columns taken on screen.
    public let width: Int

    /// A grapheme whose width is measured from Unicode data.
    public init(_ character: Character) {
        self.symbol = String(character)
        self.width = DisplayWidth.of(character)
    }

    init(symbol: String, width: Int) {
        self.symbol = symbol
        self.width = width
    }

    /// A one-column space.
    public static let space = Grapheme(symbol: " ", width: 1)
    /// The one-column ellipsis that marks a cut.
    public static let ellipsis = Grapheme(symbol: "…", width: 1)
}
