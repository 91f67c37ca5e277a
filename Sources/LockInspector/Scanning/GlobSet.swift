import Foundation

/// The scanner's patterns tested together on every key a SCAN pass returns: with several
/// patterns a million keys go through this, so it is the client's inner loop.
///
/// Literal prefixes (`lock:*`, most of the defaults) are compared with `memcmp` from one flat
/// buffer, after a table of their first bytes has ruled most keys out; the other patterns
/// (`*[lL][oO][cC][kK]*`, general globs) go through `GlobPattern`.
struct GlobSet: Sendable {
    private let matchesEverything: Bool
    private let prefixBytes: [UInt8]
    private let prefixes: [(start: Int, count: Int)]
    /// Whether some prefix starts with this byte.
    private let startsPrefix: [Bool]
    private let others: [GlobPattern]

    init(_ patterns: [GlobPattern]) {
        var bytes: [UInt8] = []
        var prefixes: [(start: Int, count: Int)] = []
        var startsPrefix = Array(repeating: false, count: 256)
        var others: [GlobPattern] = []
        var everything = false
        for pattern in patterns {
            if pattern.matchesEverything {
                everything = true
            } else if let prefix = pattern.literalPrefix, let first = prefix.first {
                prefixes.append((bytes.count, prefix.count))
                bytes += prefix
                startsPrefix[Int(first)] = true
            } else if pattern.literalPrefix != nil {
                everything = true  // an empty literal prefix: the pattern was `*`
            } else {
                others.append(pattern)
            }
        }
        matchesEverything = everything
        prefixBytes = bytes
        self.prefixes = prefixes
        self.startsPrefix = startsPrefix
        self.others = others
    }

    func matches(_ key: UnsafeRawBufferPointer) -> Bool {
        if matchesEverything { return true }
        if let first = key.first, startsPrefix[Int(first)], hasPrefix(key) { return true }
        for pattern in others where pattern.matches(key) { return true }
        return false
    }

    private func hasPrefix(_ key: UnsafeRawBufferPointer) -> Bool {
        guard let keyBytes = key.baseAddress else { return false }
        return prefixBytes.withUnsafeBytes { flat in
            guard let flatBytes = flat.baseAddress else { return false }
            for prefix in prefixes where prefix.count <= key.count {
                if memcmp(flatBytes + prefix.start, keyBytes, prefix.count) == 0 { return true }
            }
            return false
        }
    }
}
