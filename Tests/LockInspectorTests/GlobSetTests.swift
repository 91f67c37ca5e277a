@testable import LockInspector
import Testing

@Suite struct GlobSetTests {
    static let patternSets: [[String]] = [
        ScanOptions.defaultPatterns, ["lock:*"], ["*"], ["lock:*", "*"], ["a?c", "[xy]*", "lock:*"], ["*lock*", "queue:\\*"], [],
    ]

    @Test(arguments: GlobSetTests.patternSets)
    func matchesAKeyExactlyWhenOneOfItsPatternsDoes(_ patterns: [String]) {
        let globs = patterns.map(GlobPattern.init)
        let set = GlobSet(globs)
        var generator = SystemRandomNumberGenerator()
        let alphabet = Array("lockLOCK:-_*?[]{}xyabcqueue\\".utf8) + [0x00, 0xFF]
        let fixed = ["", "l", "lock", "lock:", "lock:{a}", "LOCK:x", "xLoCk", "redlock:1", "bull:q:lock", "bull:q:locks", "mutex:",
                     "semaphore:s", "tx:", "saga:o:{1}", "events:e", "checkpoint:c", "redisson_lock__channel", "coupon:issue:1",
                     "file:processing:f", "data:123456", "abc", "queue:*", "queue:x", "ac"].map { Array($0.utf8) }
        let random = (0..<3000).map { _ in
            (0..<Int.random(in: 0...12, using: &generator)).map { _ in alphabet.randomElement(using: &generator) ?? 0 }
        }
        for key in fixed + random {
            let expected = globs.contains { $0.matches(key) }
            #expect(key.withUnsafeBytes { set.matches($0) } == expected, "\(patterns) \(key)")
        }
    }
}
