import Foundation
import Testing
@testable import LocktopApp
import TerminalUI

/// Keys are bytes: wide, emoji, binary and huge keys must not break the Locks table.
@Suite struct KeyWidthTests {
    static let korean = Fixtures.lock("lock:{쿠폰:발급:한정판매}", resource: "쿠폰:발급:한정판매")
    static let emoji = Fixtures.lock("lock:{🔒👩‍💻🚀}", resource: "🔒👩‍💻🚀")
    static let binary = Fixtures.lock(bytes: Array("lock:{".utf8) + [0xFF, 0xFE, 0x0A] + Array("}".utf8), resource: "bin")
    static let huge = Fixtures.lock("lock:{" + String(repeating: "x", count: 10_000) + "}", resource: "huge")

    private func lines(_ size: Size) -> [String] {
        let state = Fixtures.state(size: size, snapshot: Fixtures.snapshot(locks: [Self.korean, Self.emoji, Self.binary, Self.huge]))
        return render(state, theme: .default, size: size).lines()
    }

    @Test(arguments: [Size(width: 80, height: 24), Size(width: 40, height: 12), Size(width: 200, height: 50)])
    func everyLineIsExactlyTheTerminalWide(_ size: Size) {
        for line in lines(size) {
            #expect(DisplayWidth.of(line) == size.width, "\(line)")
        }
    }

    @Test func invalidUTF8IsEscaped() {
        let screen = lines(Size(width: 80, height: 24)).joined(separator: "\n")
        #expect(screen.contains("lock:{\\xFF\\xFE\\n}"))
    }

    @Test func wideKeysAreShownWhole() {
        let screen = lines(Size(width: 120, height: 24)).joined(separator: "\n")
        #expect(screen.contains("lock:{쿠폰:발급:한정판매}"))
        #expect(screen.contains("lock:{🔒👩‍💻🚀}"))
    }

    @Test func hugeKeysAreCutWithAnEllipsis() throws {
        let line = try #require(lines(Size(width: 80, height: 24)).first { $0.contains("lock:{xxxx") })
        #expect(line.contains("x…"))
        #expect(DisplayWidth.of(line) == 80)
    }

    @Test func koreanKeysCutAtANarrowWidthNeverSplitACharacter() {
        let size = Size(width: 30, height: 8)
        let state = Fixtures.state(size: size, snapshot: Fixtures.snapshot(locks: [Self.korean]))
        let frame = render(state, theme: .default, size: size)
        for line in frame.lines() { #expect(DisplayWidth.of(line) == 30) }
        #expect(!frame.lines().joined().contains("\u{FFFD}"))
    }
}
