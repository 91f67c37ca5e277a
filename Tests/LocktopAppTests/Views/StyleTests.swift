import Foundation
import Testing
@testable import LocktopApp
import TerminalUI

@Suite struct StyleTests {
    let theme = Theme.default

    @Test func readOnlyIsShownInItsOwnRole() throws {
        let state = Fixtures.state(readOnly: true)
        let frame = render(state, theme: theme, size: state.size)
        let status = try #require(frame.lines().last)
        let column = try #require(status.range(of: "READ-ONLY")).lowerBound.utf16Offset(in: status)
        #expect(frame.style(at: Point(x: column, y: 23)) == theme[.statusReadOnly])
        let normal = render(Fixtures.state(), theme: theme, size: state.size)
        #expect(normal.lines().last?.contains("READ-ONLY") == false)
    }

    @Test func insecureTLSIsShownInTheWarningColourAndVerifiedTLSPlainly() throws {
        var state = Fixtures.state()
        state.session.security = .tlsInsecure
        let frame = render(state, theme: theme, size: state.size)
        let status = try #require(frame.lines().last)
        let column = try #require(status.range(of: "TLS (insecure)")).lowerBound.utf16Offset(in: status)
        #expect(frame.style(at: Point(x: column, y: state.size.height - 1)) == theme[.statusLine].patched(with: theme[.warning]))
        state.session.security = .tls
        let verified = try #require(render(state, theme: theme, size: state.size).lines().last)
        #expect(verified.contains("TLS"))
        #expect(!verified.contains("insecure"))
        #expect(render(Fixtures.state(), theme: theme, size: state.size).lines().last?.contains("TLS") == false)
    }

    @Test func aLockWithoutTTLIsCritical() throws {
        let state = Fixtures.state()
        let frame = render(state, theme: theme, size: state.size)
        let row = try #require(frame.lines().firstIndex { $0.contains("order-lock") })
        let column = try #require(frame.lines()[row].range(of: "order-lock")).lowerBound.utf16Offset(in: frame.lines()[row])
        #expect(frame.style(at: Point(x: column, y: row))?.fg == theme[.critical].fg)
        #expect(frame.lines()[row].contains("no TTL"))
        let healthy = try #require(frame.lines().firstIndex { $0.contains("lock:job:nightly") })
        #expect(frame.style(at: Point(x: 2, y: healthy))?.fg != theme[.critical].fg)
    }

    @Test func theTTLBarShrinksAsTheTTLRunsDown() throws {
        var state = Fixtures.state()
        func bar(_ state: AppState) throws -> Int {
            let frame = render(state, theme: theme, size: state.size)
            let line = try #require(frame.lines().first { $0.contains("lock:{coupon:123}") })
            return line.filter { $0 == "█" }.count
        }
        let before = try bar(state)
        _ = update(&state, .tick(Fixtures.now.addingTimeInterval(10)))
        let after = try bar(state)
        #expect(before > after)
        #expect(after > 0)
    }
}
