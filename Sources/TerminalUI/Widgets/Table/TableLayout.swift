/// Column widths for a table, from the column rules, the content and the room available.
enum TableLayout {
    /// The width of each column given `available` columns and `spacing` between neighbours; 0 hides a column.
    ///
    /// When the fixed and minimum widths do not all fit, columns are hidden from the right
    /// (declare the important ones first); a lone first column is cut to the room. What is left
    /// goes first to `.min` columns, in order, up to their widest cell, then to `.flex` columns
    /// by weight (the last flex column takes the rounding).
    static func widths(
        for columns: [TableColumn], contentWidths: [Int], available: Int, spacing: Int
    ) -> [Int] {
        var widths = Array(repeating: 0, count: columns.count)
        guard !columns.isEmpty, available > 0 else { return widths }
        let bases = columns.map { column in
            switch column.width {
            case .fixed(let width), .min(let width): max(0, width)
            case .flex(_, let minimum): max(0, minimum)
            }
        }
        var visible = columns.count
        func needed(_ count: Int) -> Int { bases.prefix(count).reduce(0, +) + spacing * (count - 1) }
        while visible > 1 && needed(visible) > available { visible -= 1 }
        if needed(visible) > available {
            widths[0] = available
            return widths
        }
        for index in 0..<visible { widths[index] = bases[index] }
        var room = available - needed(visible)

        for index in 0..<visible where room > 0 {
            guard case .min = columns[index].width, index < contentWidths.count else { continue }
            let growth = min(max(0, contentWidths[index] - widths[index]), room)
            widths[index] += growth
            room -= growth
        }

        let flexes: [(index: Int, weight: Int)] = (0..<visible).compactMap { index in
            if case .flex(let weight, _) = columns[index].width, weight > 0 { return (index, weight) }
            return nil
        }
        let totalWeight = flexes.reduce(0) { $0 + $1.weight }
        guard room > 0, totalWeight > 0 else { return widths }
        var given = 0
        for (position, flex) in flexes.enumerated() {
            let share = position == flexes.count - 1 ? room - given : room * flex.weight / totalWeight
            widths[flex.index] += share
            given += share
        }
        return widths
    }
}
