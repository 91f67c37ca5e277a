import Foundation
@testable import LockInspector
import LockKit
import Testing

/// `LockOwner(describedBy:)` reads LockKit tokens byte by byte; it must agree with LockKit's own
/// `OwnerToken.parts` on every token, odd ones included.
@Suite struct LockOwnerTokenTests {
    static let tokens = [
        "1700000000000-web-1-4242-0badc0de", "1700000000000-a-b-c-42-DEADBEEF", "+1700000000000-web-+7-0badc0de",
        "1700000000000--42-0badc0de", "1700000000000-web-42-0badc0d", "1700000000000-web-42-0badc0dz",
        "1700000000000-web-4x2-0badc0de", "x-web-42-0badc0de", "1700000000000-web-0badc0de", "---", "----0badc0de",
        "1700000000000-wéb-42-0badc0de", "1700000000000-web-42-０badc0de", "", "-", "1700000000000-0.8123",
        "1700000000000-web-99999999999-0badc0de", "99999999999999999999-web-42-0badc0de",
    ]

    @Test(arguments: tokens)
    func agreesWithLockKitsOwnerToken(token: String) {
        let fast = LockOwner.lockKitParts(token)
        let reference = OwnerToken(value: token).parts
        #expect(fast?.acquiredAt == reference?.acquiredAt)
        #expect(fast?.host == reference?.host)
        #expect(fast?.pid == reference?.pid)
    }

    @Test func theGuidesTokensNameTheirTime() {
        #expect(LockOwner(describedBy: "1700000000000-0.8123").acquiredAt == Date(timeIntervalSince1970: 1_700_000_000))
        #expect(LockOwner(describedBy: "170000000000-0.8123").acquiredAt == nil, "12 digits")
        #expect(LockOwner(describedBy: "opaque") == LockOwner(token: "opaque"))
    }
}
