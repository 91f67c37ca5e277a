/// Redis glob matching (`*`, `?`, `[abc]`, `[^a-z]`, `\x`) on bytes, as SCAN MATCH does it,
/// so the scanner can filter one SCAN pass by several patterns on the client.
public struct GlobPattern: Sendable, Hashable {
    public let pattern: [UInt8]

    public init(_ pattern: String) { self.pattern = Array(pattern.utf8) }

    /// `true` when the pattern matches everything (`*`).
    public var matchesEverything: Bool { pattern == [UInt8(ascii: "*")] }

    public func matches(_ key: [UInt8]) -> Bool {
        Self.match(pattern[...], key[...])
    }

    private static func match(_ pattern: ArraySlice<UInt8>, _ text: ArraySlice<UInt8>) -> Bool {
        var p = pattern.startIndex
        var t = text.startIndex
        var starP: Int?
        var starT = 0
        while t < text.endIndex {
            if p < pattern.endIndex {
                switch pattern[p] {
                case UInt8(ascii: "*"):
                    starP = p
                    starT = t
                    p += 1
                    continue
                case UInt8(ascii: "?"):
                    p += 1
                    t += 1
                    continue
                case UInt8(ascii: "["):
                    if let (matched, next) = matchClass(pattern, from: p, byte: text[t]), matched {
                        p = next
                        t += 1
                        continue
                    }
                case UInt8(ascii: "\\") where p + 1 < pattern.endIndex:
                    if pattern[p + 1] == text[t] {
                        p += 2
                        t += 1
                        continue
                    }
                default:
                    if pattern[p] == text[t] {
                        p += 1
                        t += 1
                        continue
                    }
                }
            }
            guard let star = starP else { return false }
            p = star + 1
            starT += 1
            t = starT
        }
        while p < pattern.endIndex && pattern[p] == UInt8(ascii: "*") { p += 1 }
        return p == pattern.endIndex
    }

    /// Matches `[...]` at `start`; returns whether `byte` is in the class and where the pattern continues.
    private static func matchClass(_ pattern: ArraySlice<UInt8>, from start: Int, byte: UInt8) -> (Bool, Int)? {
        var i = start + 1
        var negate = false
        if i < pattern.endIndex && pattern[i] == UInt8(ascii: "^") {
            negate = true
            i += 1
        }
        var matched = false
        while i < pattern.endIndex && pattern[i] != UInt8(ascii: "]") {
            if pattern[i] == UInt8(ascii: "\\") && i + 1 < pattern.endIndex {
                if pattern[i + 1] == byte { matched = true }
                i += 2
            } else if i + 2 < pattern.endIndex && pattern[i + 1] == UInt8(ascii: "-") && pattern[i + 2] != UInt8(ascii: "]") {
                let (low, high) = (min(pattern[i], pattern[i + 2]), max(pattern[i], pattern[i + 2]))
                if byte >= low && byte <= high { matched = true }
                i += 3
            } else {
                if pattern[i] == byte { matched = true }
                i += 1
            }
        }
        guard i < pattern.endIndex else { return nil }  // unterminated class: Redis treats it as no match
        return (matched != negate, i + 1)
    }
}
