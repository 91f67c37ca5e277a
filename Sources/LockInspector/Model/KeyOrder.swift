/// Keys in natural order (`NaturalOrder`), the order of every list in a snapshot: what the
/// dashboard's natural order and `list` show, and what binary search in a snapshot relies on.
enum KeyOrder {
    static func precedes(_ first: [UInt8], _ second: [UInt8]) -> Bool {
        NaturalOrder.precedes(first, second)
    }
}
