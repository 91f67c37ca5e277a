/// Where to cut a run of graphemes so it fits a number of columns.
enum Truncation {
    /// Keep the first `keep` graphemes, then an ellipsis if asked, then `padding` spaces.
    struct Plan: Equatable {
        var keep: Int
        var ellipsis: Bool
        var padding: Int
    }

    /// The cut for graphemes of `widths` (summing to `total`) into `limit` columns.
    static func plan(widths: [Int], total: Int, limit: Int, ellipsis: Bool) -> Plan {
        guard limit > 0 else { return Plan(keep: 0, ellipsis: false, padding: 0) }
        guard total > limit else { return Plan(keep: widths.count, ellipsis: false, padding: 0) }
        let budget = ellipsis ? limit - 1 : limit
        var used = 0, keep = 0
        for width in widths {
            guard used + width <= budget else { break }
            used += width
            keep += 1
        }
        // A wide grapheme that would straddle the edge is dropped; its first column becomes padding.
        return Plan(keep: keep, ellipsis: ellipsis, padding: budget - used)
    }
}
