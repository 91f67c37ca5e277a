@testable import LockInspector
import Testing

@Suite struct KeyPatternTests {
    @Test(arguments: [
        ("orders:42", "orders:*"), ("lock:{coupon:7}", "lock:{coupon:*}"), ("session-9f3a", "session-*"),
        ("bull:emails:1234:lock", "bull:emails:*:lock"), ("fair-lock", "fair-lock"), ("report:lock", "report:lock"),
        ("c930d622-669d-49cf-b42c-d0c3b1369479", "*"), ("a*b:1", "a\\*b:*"), ("cache/users/7/profile", "cache/users/*/profile"),
        ("lock:", "lock:"), ("", ""),
    ])
    func variablePartsBecomeStars(_ key: String, _ pattern: String) {
        #expect(KeyPattern.infer(Array(key.utf8)) == pattern)
    }

    @Test func binaryPartsAreVariableSoNoRawByteReachesAPattern() {
        #expect(KeyPattern.infer([0x6C, 0x3A, 0x1B, 0x5B, 0x32, 0x4A]) == "l:*")
        #expect(KeyPattern.infer(Array("k:".utf8) + [0xFF, 0xFE]) == "k:*")
    }

    @Test func theInferredPatternMatchesItsKeyAsAGlob() {
        for key in ["orders:42", "lock:{coupon:7}", "session-9f3a", "a*b:1", "x[1]:y?"] {
            #expect(GlobPattern(KeyPattern.infer(Array(key.utf8))).matches(Array(key.utf8)), "\(key)")
        }
    }
}
