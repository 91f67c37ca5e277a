/// A grid of styled cells: what one screen shows. Rendering produces a frame; a terminal draws it.
///
/// ```swift
/// var frame = Frame(size: Size(width: 10, height: 1))
/// frame.put("락:쿠폰 key", at: .zero, style: Style(fg: .yellow))
/// frame.lines()  // ["락:쿠폰 k…"]
/// ```
public struct Frame: Hashable, Sendable {
    /// The frame's width and height in cells.
    public let size: Size
    /// Cells row by row.
    public internal(set) var cells: [Cell]
    /// Where the terminal shows its cursor; nil hides it. Input widgets set it.
    public var cursor: Point?

    /// A frame of `size` filled with `fill`.
    public init(size: Size, fill: Cell = .blank) {
        self.size = size
        self.cells = Array(repeating: fill.isContinuation || fill.width == 2 ? .blank : fill, count: size.area)
    }

    /// The whole frame as a rectangle at the origin.
    public var area: Rect { Rect(size: size) }

    /// The cell at `point`, or nil outside the frame.
    public func cell(at point: Point) -> Cell? {
        guard area.contains(point) else { return nil }
        return cells[point.y * size.width + point.x]
    }

    /// The style at `point`, or nil outside the frame.
    public func style(at point: Point) -> Style? {
        cell(at: point)?.style
    }

    /// The text of each row, continuation cells skipped; rows keep their trailing spaces unless `trimmed`.
    public func lines(trimmed: Bool = false) -> [String] {
        (0..<size.height).map { y in
            let row = cells[(y * size.width)..<((y + 1) * size.width)]
            let text = row.map(\.symbol).joined()
            guard trimmed else { return text }
            return String(text.reversed().drop(while: { $0 == " " }).reversed())
        }
    }

    /// Sets the style of every cell in `rect`, keeping the symbols.
    public mutating func setStyle(_ style: Style, in rect: Rect) {
        for index in indices(in: rect) { cells[index].style = style }
    }

    /// Lays `style` over every cell in `rect` (see `Style.patched(with:)`).
    public mutating func patchStyle(_ style: Style, in rect: Rect) {
        for index in indices(in: rect) { cells[index].style = cells[index].style.patched(with: style) }
    }

    /// Fills `rect` with a one-column `character` in `style`; a wide character or control fills with spaces.
    public mutating func fill(_ rect: Rect, with character: Character = " ", style: Style = .plain) {
        var cell = Cell(character, style: style)
        if cell.width != 1 { cell = Cell(grapheme: .space, style: style) }
        let clipped = rect.intersection(area)
        guard !clipped.isEmpty else { return }
        for y in clipped.y..<clipped.maxY {
            for x in clipped.x..<clipped.maxX { set(cell, x: x, y: y) }
        }
    }

    /// Writes a grapheme at (x, y), taking 1 or 2 cells; a wide grapheme that would cross the right edge becomes a space.
    mutating func write(_ grapheme: Grapheme, style: Style, x: Int, y: Int) {
        guard y >= 0, y < size.height, x >= 0, x < size.width, grapheme.width > 0 else { return }
        if grapheme.width == 2 {
            guard x + 1 < size.width else {
                set(Cell(grapheme: .space, style: style), x: x, y: y)
                return
            }
            set(Cell(grapheme: grapheme, style: style), x: x, y: y)
            set(Cell.continuation(style: style), x: x + 1, y: y)
        } else {
            set(Cell(grapheme: grapheme, style: style), x: x, y: y)
        }
    }

    /// Appends a zero-width grapheme to the cell at (x, y) when there is one to carry it.
    mutating func attach(_ grapheme: Grapheme, x: Int, y: Int) {
        guard area.contains(Point(x: x, y: y)) else { return }
        let index = y * size.width + x
        guard !cells[index].isContinuation else { return }
        cells[index].attach(grapheme)
    }

    /// Stores a cell, first breaking up any wide grapheme it would half cover.
    private mutating func set(_ cell: Cell, x: Int, y: Int) {
        let index = y * size.width + x
        let old = cells[index]
        if old.isContinuation && x > 0 && !cell.isContinuation {
            cells[index - 1] = Cell(grapheme: .space, style: cells[index - 1].style)
        }
        if old.width == 2 && x + 1 < size.width && cell.width != 2 {
            cells[index + 1] = Cell(grapheme: .space, style: cells[index + 1].style)
        }
        if cell.width == 2, x + 2 < size.width, cells[index + 1].width == 2 {
            cells[index + 2] = Cell(grapheme: .space, style: cells[index + 2].style)
        }
        cells[index] = cell
    }

    private func indices(in rect: Rect) -> [Int] {
        let clipped = rect.intersection(area)
        guard !clipped.isEmpty else { return [] }
        return (clipped.y..<clipped.maxY).flatMap { y in (clipped.x..<clipped.maxX).map { y * size.width + $0 } }
    }
}
