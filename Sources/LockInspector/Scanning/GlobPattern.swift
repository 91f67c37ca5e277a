/// Redis glob matching (`*`, `?`, `[abc]`, `[^a-z]`, `\x`) on bytes, as SCAN MATCH does it,
/// so the scanner can filter one SCAN pass by several patterns on the client.
///
/// The common shapes are compiled to cheap checks (a literal prefix; a case-insensitive
/// substring such as `*[lL][oO][cC][kK]*`), since a pass may test a million keys.
public struct GlobPattern: Sendable, Hashable {
    private enum Compiled: Sendable, Hashable {
        case everything
        case prefix([UInt8])
        case containsIgnoringCase([UInt8])
        case general
    }

    public let pattern: [UInt8]
    private let compiled: Compiled

    public init(_ pattern: String) {
        self.pattern = Array(pattern.utf8)
        compiled = Self.compile(self.pattern)
    }

    /// `true` when the pattern matches everything (`*`).
    public var matchesEverything: Bool { compiled == .everything }

    /// The literal bytes before the one `*` of a pattern that is just that (`lock:*`).
    var literalPrefix: [UInt8]? {
        if case .prefix(let prefix) = compiled { return prefix }
        return nil
    }

    public func matches(_ key: [UInt8]) -> Bool {
        key.withUnsafeBytes { matches($0) }
    }

    public func matches(_ key: UnsafeRawBufferPointer) -> Bool {
        switch compiled {
        case .everything: return true
        case .prefix(let prefix): return key.starts(with: prefix)
        case .containsIgnoringCase(let needle): return Self.contains(key, lowercased: needle)
        case .general: return pattern.withUnsafeBytes { Self.match($0, key) }
        }
    }

    private static let specials: Set<UInt8> = [UInt8(ascii: "*"), UInt8(ascii: "?"), UInt8(ascii: "["), UInt8(ascii: "\\")]

    private static func compile(_ pattern: [UInt8]) -> Compiled {
        let star = UInt8(ascii: "*")
        if pattern == [star] { return .everything }
        if pattern.last == star, !pattern.dropLast().contains(where: specials.contains) { return .prefix(Array(pattern.dropLast())) }
        guard pattern.count > 2, pattern.first == star, pattern.last == star else { return .general }
        // *[lL][oO]...* : each class the two cases of one ASCII letter, or a plain lower-case byte.
        var needle: [UInt8] = []
        var index = 1
        let end = pattern.count - 1
        while index < end {
            let byte = pattern[index]
            if byte == UInt8(ascii: "["), index + 3 < pattern.count, pattern[index + 3] == UInt8(ascii: "]") {
                let (a, b) = (pattern[index + 1], pattern[index + 2])
                guard lower(a) == lower(b), a != b, isLetter(a) else { return .general }
                needle.append(lower(a))
                index += 4
            } else if !specials.contains(byte), !isLetter(byte) {
                needle.append(byte)
                index += 1
            } else {
                return .general
            }
        }
        return needle.isEmpty ? .general : .containsIgnoringCase(needle)
    }

    private static func isLetter(_ byte: UInt8) -> Bool { (byte | 0x20) >= UInt8(ascii: "a") && (byte | 0x20) <= UInt8(ascii: "z") }
    private static func lower(_ byte: UInt8) -> UInt8 { isLetter(byte) ? byte | 0x20 : byte }

    private static func contains(_ haystack: UnsafeRawBufferPointer, lowercased needle: [UInt8]) -> Bool {
        guard haystack.count >= needle.count, let first = needle.first else { return false }
        var start = 0
        while start + needle.count <= haystack.count {
            if lower(haystack[start]) == first {
                var offset = 1
                while offset < needle.count && lower(haystack[start + offset]) == needle[offset] { offset += 1 }
                if offset == needle.count { return true }
            }
            start += 1
        }
        return false
    }

    private static func match(_ pattern: UnsafeRawBufferPointer, _ text: UnsafeRawBufferPointer) -> Bool {
        var p = 0
        var t = 0
        var starP: Int?
        var starT = 0
        while t < text.count {
            if p < pattern.count {
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
                case UInt8(ascii: "\\") where p + 1 < pattern.count:
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
        while p < pattern.count && pattern[p] == UInt8(ascii: "*") { p += 1 }
        return p == pattern.count
    }

    /// Matches `[...]` at `start`; returns whether `byte` is in the class and where the pattern continues.
    private static func matchClass(_ pattern: UnsafeRawBufferPointer, from start: Int, byte: UInt8) -> (Bool, Int)? {
        var i = start + 1
        var negate = false
        if i < pattern.count && pattern[i] == UInt8(ascii: "^") {
            negate = true
            i += 1
        }
        var matched = false
        while i < pattern.count && pattern[i] != UInt8(ascii: "]") {
            if pattern[i] == UInt8(ascii: "\\") && i + 1 < pattern.count {
                if pattern[i + 1] == byte { matched = true }
                i += 2
            } else if i + 2 < pattern.count && pattern[i + 1] == UInt8(ascii: "-") && pattern[i + 2] != UInt8(ascii: "]") {
                let (low, high) = (min(pattern[i], pattern[i + 2]), max(pattern[i], pattern[i + 2]))
                if byte >= low && byte <= high { matched = true }
                i += 3
            } else {
                if pattern[i] == byte { matched = true }
                i += 1
            }
        }
        guard i < pattern.count else { return nil }  // unterminated class: Redis treats it as no match
        return (matched != negate, i + 1)
    }
}
