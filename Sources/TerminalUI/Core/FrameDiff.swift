/// One cell that differs between two frames.
public struct CellChange: Hashable, Sendable {
    /// Where the cell is.
    public let point: Point
    /// What the cell now holds.
    public let cell: Cell

    /// Creates a change.
    public init(point: Point, cell: Cell) {
        self.point = point
        self.cell = cell
    }
}

extension Frame {
    /// The cells of this frame that differ from `previous`, row by row; every cell when there is
    /// no previous frame or its size differs.
    ///
    /// Continuation cells are listed when they change, but a terminal writes only heads: the
    /// head of a wide grapheme paints both columns.
    public func changes(from previous: Frame?) -> [CellChange] {
        let width = size.width
        guard width > 0 else { return [] }
        guard let previous, previous.size == size else {
            return cells.indices.map { CellChange(point: Point(x: $0 % width, y: $0 / width), cell: cells[$0]) }
        }
        var result: [CellChange] = []
        for index in cells.indices where cells[index] != previous.cells[index] {
            result.append(CellChange(point: Point(x: index % width, y: index / width), cell: cells[index]))
        }
        return result
    }

    /// This frame with `changes` written over it (what a terminal shows after drawing them).
    public func applying(_ changes: [CellChange]) -> Frame {
        var copy = self
        for change in changes where copy.area.contains(change.point) {
            copy.cells[change.point.y * size.width + change.point.x] = change.cell
        }
        return copy
    }
}
