/// Text and key bytes in natural order: runs of ASCII digits compare as the numbers they are
/// (`saga-0-2` before `saga-0-10`), everything else byte by byte (unsigned, a prefix first).
/// Numbers equal in value (`07`, `7`) fall back to byte order, so two different byte strings
/// are never equal: the order is total and binary search over it finds one key.
public enum NaturalOrder {
    /// Whether `first` comes before `second`.
    public static func precedes(_ first: [UInt8], _ second: [UInt8]) -> Bool {
        first.withUnsafeBufferPointer { a in second.withUnsafeBufferPointer { b in compare(a, b) < 0 } }
    }

    /// Whether `first` comes before `second`, compared by their UTF-8 bytes.
    public static func precedes(_ first: String, _ second: String) -> Bool {
        var first = first, second = second
        return first.withUTF8 { a in second.withUTF8 { b in compare(a, b) < 0 } }
    }

    /// Negative, zero or positive as `a` comes before, equals or comes after `b`.
    public static func compare(_ a: UnsafeBufferPointer<UInt8>, _ b: UnsafeBufferPointer<UInt8>) -> Int {
        // Fast path: skip the common prefix, then back up to the start of a digit run it ends in.
        let common = min(a.count, b.count)
        var start = 0
        while start < common, a[start] == b[start] { start += 1 }
        if start == a.count, start == b.count { return 0 }
        while start > 0, isDigit(a[start - 1]) { start -= 1 }
        var i = start, j = start
        while i < a.count, j < b.count {
            guard isDigit(a[i]), isDigit(b[j]) else {
                if a[i] != b[j] { return Int(a[i]) - Int(b[j]) }
                i += 1
                j += 1
                continue
            }
            var si = i, sj = j
            while si < a.count, a[si] == 0x30 { si += 1 }
            while sj < b.count, b[sj] == 0x30 { sj += 1 }
            var ei = si, ej = sj
            while ei < a.count, isDigit(a[ei]) { ei += 1 }
            while ej < b.count, isDigit(b[ej]) { ej += 1 }
            // Without leading zeros, the longer number is the larger.
            if ei - si != ej - sj { return (ei - si) - (ej - sj) }
            for offset in 0..<(ei - si) where a[si + offset] != b[sj + offset] {
                return Int(a[si + offset]) - Int(b[sj + offset])
            }
            i = ei
            j = ej
        }
        let rest = (a.count - i) - (b.count - j)
        if rest != 0 { return rest }
        return byteOrder(a, b)
    }

    private static func isDigit(_ byte: UInt8) -> Bool { byte &- 0x30 < 10 }

    /// Plain byte order: the tie-break for numbers equal in value.
    private static func byteOrder(_ a: UnsafeBufferPointer<UInt8>, _ b: UnsafeBufferPointer<UInt8>) -> Int {
        for index in 0..<min(a.count, b.count) where a[index] != b[index] { return Int(a[index]) - Int(b[index]) }
        return a.count - b.count
    }
}
