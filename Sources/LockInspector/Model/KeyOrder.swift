import Foundation

/// Keys in byte order, the order of every list in a snapshot: the same order as
/// `lexicographicallyPrecedes` on the bytes (unsigned, a prefix first), computed with
/// `memcmp`, since sorting 10,000 keys the generic way took several milliseconds of a scan.
enum KeyOrder {
    static func precedes(_ first: [UInt8], _ second: [UInt8]) -> Bool {
        first.withUnsafeBufferPointer { a in
            second.withUnsafeBufferPointer { b in
                let common = min(a.count, b.count)
                if common > 0, let left = a.baseAddress, let right = b.baseAddress {
                    let order = memcmp(left, right, common)
                    if order != 0 { return order < 0 }
                }
                return a.count < b.count
            }
        }
    }
}
