/// Which row of a table is selected and which row is at the top; kept by the app between frames.
public struct TableState: Hashable, Sendable {
    /// The selected row index, or nil for none.
    public var selected: Int?
    /// The first row shown.
    public var offset: Int

    /// Creates a state.
    public init(selected: Int? = nil, offset: Int = 0) {
        self.selected = selected
        self.offset = max(0, offset)
    }

    /// Moves the selection by `delta` rows, clamped to `rowCount` (selecting the first row when none was).
    public mutating func moveSelection(by delta: Int, rowCount: Int) {
        guard rowCount > 0 else { selected = nil; return }
        let current = selected ?? (delta >= 0 ? -1 : rowCount)
        selected = min(max(current + delta, 0), rowCount - 1)
    }

    /// Keeps the selection inside `rowCount` rows (after the rows changed).
    public mutating func clamp(rowCount: Int) {
        guard let current = selected else { return }
        selected = rowCount > 0 ? min(current, rowCount - 1) : nil
        offset = min(offset, max(0, rowCount - 1))
    }

    /// The offset to draw with so that the selection is visible in `visibleRows` rows,
    /// moving as little as possible from the current offset.
    public func scrolledOffset(visibleRows: Int, rowCount: Int) -> Int {
        guard visibleRows > 0, rowCount > 0 else { return 0 }
        var top = min(offset, max(0, rowCount - visibleRows))
        if let selected {
            let row = min(max(selected, 0), rowCount - 1)
            if row < top { top = row }
            if row >= top + visibleRows { top = row - visibleRows + 1 }
        }
        return max(0, top)
    }

    /// This state with its offset scrolled to keep the selection visible (store it for the next frame).
    public func scrolled(visibleRows: Int, rowCount: Int) -> TableState {
        TableState(selected: selected, offset: scrolledOffset(visibleRows: visibleRows, rowCount: rowCount))
    }
}
