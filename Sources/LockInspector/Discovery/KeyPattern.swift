/// The glob a key belongs to: its parts that vary between keys (ids, numbers, hex, tokens)
/// replaced by `*`, the literal parts kept (`orders:42` -> `orders:*`, `lock:{coupon:7}` ->
/// `lock:{coupon:*}`, `session-9f3a` -> `session-*`). Byte-level: it runs on every key of a
/// discovery pass.
enum KeyPattern {
    /// Bytes that end a part of a key name.
    private static let delimiters: Set<UInt8> = Set(":/{}|#.,=@ ".utf8)
    /// Bytes a glob gives a meaning to, escaped in literal parts.
    private static let globSpecials: Set<UInt8> = Set("*?[]\\".utf8)

    static func infer(_ key: [UInt8]) -> String {
        var pattern: [UInt8] = []
        pattern.reserveCapacity(key.count)
        var start = 0
        while start <= key.count {
            var end = start
            while end < key.count, !delimiters.contains(key[end]) { end += 1 }
            append(key[start..<end], to: &pattern)
            if end < key.count { pattern.append(key[end]) }
            start = end + 1
        }
        return String(decoding: pattern, as: UTF8.self)
    }

    /// One part: literal, `*`, or a literal word then `*` (`session-` + id).
    private static func append(_ part: ArraySlice<UInt8>, to pattern: inout [UInt8]) {
        guard isVariable(part) else {
            for byte in part {
                if globSpecials.contains(byte) { pattern.append(UInt8(ascii: "\\")) }
                // Bytes that are not printable ASCII vary too: a binary id.
                pattern.append(byte)
            }
            return
        }
        // Keep a leading word of letters ending in `-` or `_` (`session-`, `job_`).
        var index = part.startIndex
        while index < part.endIndex, isLetter(part[index]) { index += 1 }
        if index > part.startIndex, index < part.endIndex, part[index] == UInt8(ascii: "-") || part[index] == UInt8(ascii: "_") {
            pattern += part[part.startIndex...index]
        }
        pattern.append(UInt8(ascii: "*"))
    }

    /// A part that holds a digit or a byte outside printable ASCII, or is a long token.
    private static func isVariable(_ part: ArraySlice<UInt8>) -> Bool {
        if part.isEmpty { return false }
        if part.contains(where: { ($0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9")) || $0 < 0x21 || $0 > 0x7E }) { return true }
        return part.count >= 20
    }

    private static func isLetter(_ byte: UInt8) -> Bool {
        (byte | 0x20) >= UInt8(ascii: "a") && (byte | 0x20) <= UInt8(ascii: "z")
    }
}
