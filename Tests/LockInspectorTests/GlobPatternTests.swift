import LockInspector
import Testing

@Suite struct GlobPatternTests {
    static let cases: [(pattern: String, key: String, matches: Bool)] = [
        ("lock:*", "lock:{a}", true),
        ("lock:*", "xlock:a", false),
        ("*", "", true),
        ("*[lL][oO][cC][kK]*", "myLockThing", true),
        ("*[lL][oO][cC][kK]*", "clocktower", true),
        ("*[lL][oO][cC][kK]*", "blog", false),
        ("h?llo", "hello", true),
        ("h?llo", "hllo", false),
        ("h[^e]llo", "hallo", true),
        ("h[^e]llo", "hello", false),
        ("h[a-b]llo", "hbllo", true),
        ("h\\*llo", "h*llo", true),
        ("h\\*llo", "hello", false),
        ("bull:*:lock", "bull:mail:42:lock", true),
        ("bull:*:lock", "bull:mail:42:locked", false),
        ("a*b*c", "aXXbYYc", true),
        ("a*b*c", "aXXbYY", false),
        ("[unterminated", "u", false),
    ]

    @Test(arguments: cases)
    func matchesLikeRedis(_ pattern: String, _ key: String, _ matches: Bool) {
        #expect(GlobPattern(pattern).matches(Array(key.utf8)) == matches)
    }

    @Test func matchesBinaryKeys() {
        #expect(GlobPattern("lock:*").matches(Array("lock:".utf8) + [0, 0xFF, 0x80]))
        #expect(GlobPattern("*").matches([0xFF]))
    }
}
