import Foundation
import LockInspector
import Testing
@testable import LocktopApp
import TerminalUI

@Suite struct ActionKeyTests {
    /// The Locks view with `lock:{coupon:123}` (row 1) selected.
    private func couponSelected(readOnly: Bool = false) -> AppState {
        var state = Fixtures.state(readOnly: readOnly)
        Fixtures.press(.down, on: &state)
        return state
    }

    private var couponToken: [UInt8] { Fixtures.locks[0].rawToken ?? [] }

    @Test func forceReleaseAsksNamingKeyAndOwner() throws {
        var state = couponSelected()
        #expect(Fixtures.press(.character("d"), on: &state).isEmpty)
        let overlay = try #require(state.overlay)
        guard case .confirm(.forceRelease(let key, let token, let channel, let owner)) = overlay else {
            Issue.record("expected a force-release confirmation, got \(overlay)")
            return
        }
        #expect(key == Array("lock:{coupon:123}".utf8))
        #expect(token == couponToken)
        #expect(channel == "lock:channel:{coupon:123}")
        #expect(owner == "web-1 pid 4242")
        let screen = render(state, theme: .default, size: state.size).lines().joined(separator: "\n")
        #expect(screen.contains("lock:{coupon:123}"))
        #expect(screen.contains("web-1 pid 4242"))
    }

    @Test(arguments: [KeyEvent.escape, .character("n")])
    func confirmationCancels(_ key: KeyEvent) {
        var state = couponSelected()
        Fixtures.press(.character("d"), on: &state)
        #expect(Fixtures.press(key, on: &state).isEmpty)
        #expect(state.overlay == nil)
        #expect(state.statusMessage == "cancelled")
    }

    @Test func confirmationIgnoresOtherKeys() {
        var state = couponSelected()
        Fixtures.press(.character("d"), on: &state)
        #expect(Fixtures.press(.character("q"), .down, .enter, on: &state).isEmpty)
        #expect(!state.quitting)
        #expect(state.overlay != nil)
    }

    @Test func yesSendsExactlyOneForceReleaseWithTheSeenToken() {
        var state = couponSelected()
        Fixtures.press(.character("d"), on: &state)
        // The lock changes hands while the dialog is open: the token sent is still the one shown.
        let taken = Fixtures.lock("lock:{coupon:123}", resource: "coupon:123", host: "web-9", pid: 1, heldFor: 1)
        let changed = Fixtures.locks.map { $0.resource == "coupon:123" ? taken : $0 }
        _ = update(&state, .feed(.snapshot(Fixtures.snapshot(locks: changed))))
        let effects = Fixtures.press(.character("y"), on: &state)
        #expect(effects == [.forceRelease(key: Array("lock:{coupon:123}".utf8), token: couponToken, releaseChannel: "lock:channel:{coupon:123}")])
        #expect(state.overlay == nil)
        #expect(Fixtures.press(.character("y"), on: &state).allSatisfy { $0.actionName == nil }, "a second y is an ordinary key (copy), no write")
    }

    @Test func guideLocksReleaseOnTheGuideChannelAndOthersOnNone() {
        var state = Fixtures.state()
        Fixtures.press(.character("d"), on: &state)
        if case .confirm(.forceRelease(_, _, let channel, _)) = state.overlay {
            #expect(channel == "lock:channel:lock:job:nightly")
        } else {
            Issue.record("no confirmation")
        }
        let peer = Fixtures.lock("lock:{coupon:123}", resource: "coupon:123", family: .tokenHex32)
        #expect(AppState.releaseChannel(of: peer) == nil)
    }

    @Test func aLockWithoutATokenCannotBeForceReleased() {
        var state = Fixtures.state()
        Fixtures.press(.character("G"), on: &state)
        Fixtures.press(.character("d"), on: &state)
        #expect(state.overlay == nil)
        #expect(state.statusMessage == "force-release: no owner token was read for this lock")
    }

    @Test func extendTakesDigitsOnly() {
        var state = couponSelected()
        Fixtures.press(.character("e"), on: &state)
        Fixtures.type("1a5x00", on: &state)
        guard case .extend(_, let input) = state.overlay else {
            Issue.record("no extend dialog")
            return
        }
        #expect(input.text == "1500")
        let effects = Fixtures.press(.enter, on: &state)
        #expect(effects == [.extend(key: Array("lock:{coupon:123}".utf8), token: couponToken, by: .milliseconds(1500))])
        #expect(state.overlay == nil)
    }

    @Test func extendCancelsOnEscAndRefusesAnEmptyNumber() {
        var state = couponSelected()
        Fixtures.press(.character("e"), on: &state)
        #expect(Fixtures.press(.enter, on: &state).isEmpty)
        #expect(state.overlay != nil)
        #expect(state.statusMessage == "extend: type a number of milliseconds")
        #expect(Fixtures.press(.escape, on: &state).isEmpty)
        #expect(state.overlay == nil)
    }

    @Test func removeWaiterConfirmsThenSendsTheMember() {
        var state = Fixtures.state()
        Fixtures.press(.character("2"), on: &state)
        Fixtures.press(.down, on: &state)
        Fixtures.press(.character("x"), on: &state)
        #expect(Fixtures.press(.character("n"), on: &state).isEmpty)
        Fixtures.press(.character("x"), on: &state)
        let effects = Fixtures.press(.character("y"), on: &state)
        let member = Fixtures.token("web-3", 52, secondsAgo: 3)
        #expect(effects == [.removeWaiter(queue: Fixtures.queue, member: Array(member.utf8))])
    }

    @Test func dangerousKeysOutsideTheirViewSaySo() {
        var state = Fixtures.state()
        Fixtures.press(.character("x"), on: &state)
        #expect(state.overlay == nil)
        #expect(state.statusMessage == "remove waiter: select a waiter in the Queues view")
        Fixtures.press(.character("3"), .character("d"), on: &state)
        #expect(state.overlay == nil)
        #expect(state.statusMessage == "force-release: select a lock in the Locks view")
    }

    @Test(arguments: ["d", "e", "x"])
    func readOnlyRefusesDangerousKeys(_ key: Character) {
        var state = couponSelected(readOnly: true)
        if key == "x" { Fixtures.press(.character("2"), on: &state) }
        #expect(Fixtures.press(.character(key), on: &state).isEmpty)
        #expect(state.overlay == nil)
        #expect(state.statusMessage?.hasPrefix("read-only: ") == true)
        #expect(Fixtures.press(.character("y"), .enter, on: &state).allSatisfy { $0.actionName == nil }, "y only copies: nothing is written")
    }

    @Test func readOnlyHelpHidesDangerousBindings() {
        let all = KeyMap.bindings(readOnly: false)
        let shown = KeyMap.bindings(readOnly: true)
        #expect(Set(all.filter(\.isDangerous).map(\.key)) == ["d", "e", "x", "c"])
        #expect(shown.allSatisfy { !$0.isDangerous })
        var state = Fixtures.state(readOnly: true)
        Fixtures.press(.character("?"), on: &state)
        let screen = render(state, theme: .default, size: Size(width: 80, height: 40)).lines().joined(separator: "\n")
        #expect(screen.contains("rescan now"))
        #expect(!screen.contains("force-release"))
    }

    @Test func actionResultsShowInTheStatusLineAndForceReleasesInTheEvents() {
        var state = Fixtures.state()
        let key = Array("lock:{coupon:123}".utf8)
        _ = update(&state, .actionResult(key: key, action: Effect.forceReleaseName, outcome: .ownerChanged))
        #expect(state.statusMessage == "force-release lock:{coupon:123}: owner changed: not touched")
        #expect(state.events.count == Fixtures.events.count)
        _ = update(&state, .actionResult(key: key, action: Effect.forceReleaseName, outcome: .done))
        #expect(state.events.last?.kind == .forceReleased)
        #expect(Effect.extend(key: key, token: [], by: .seconds(1)).actionName == "extend")
    }
}
