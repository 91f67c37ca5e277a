import Foundation
import LockInspector
import LockKit
import Testing
@testable import LocktopApp
import TerminalUI

/// A read-write lock with two readers and a waiting writer: one row, every holder in the
/// detail, and `d`/`e` acting on the holder under the cursor alone.
@Suite struct SharedLockActionTests {
    static let first = Fixtures.token("web-1", 101, secondsAgo: 5)
    static let second = Fixtures.token("web-2", 202, secondsAgo: 3)
    static let waiting = Fixtures.token("batch-7", 303, secondsAgo: 90)

    static let rwlock = LockEntity(
        key: Array("rwlock:{doc}".utf8), resource: "doc", family: .locktop, kind: .readWrite,
        shared: SharedHolds(holders: [holder(.reader, first, ttl: 4), holder(.reader, second, ttl: 9)],
                            waitingWriters: [holder(.waitingWriter, waiting, ttl: 2)]),
        ttl: .remaining(.seconds(9)), releaseSignal: .keySchema)

    static func holder(_ role: SharedHolder.Role, _ token: String, ttl: Int64) -> SharedHolder {
        let prefix = role == .reader ? "read:" : "wait:"
        return SharedHolder(role: role, owner: LockOwner(describedBy: token), rawMember: Array((prefix + token).utf8), ttl: .remaining(.seconds(ttl)))
    }

    /// The Locks view with only the read-write lock, selected.
    private func selected() -> AppState {
        var state = Fixtures.state(size: Size(width: 120, height: 30), snapshot: Fixtures.snapshot(locks: [Self.rwlock]))
        Fixtures.press(.home, on: &state)
        return state
    }

    @Test func theRowSaysModeHoldersShortestTTLAndWaitingWriters() {
        let screen = render(selected(), theme: .default, size: Size(width: 120, height: 30)).lines().joined(separator: "\n")
        #expect(screen.contains("read: 2 readers"))
        #expect(screen.contains("locktop rwlock"))
        // The shortest lease (4 s, read 2 s before `now`), not the key's 9 s.
        #expect(screen.contains(" 2.0s read: 2 readers"))
        #expect(screen.contains("    1 locktop rwlock"), "one writer waits")
    }

    @Test func theDetailListsEveryHolderAndTheCursorPicksWhichOneDReleases() throws {
        var state = selected()
        Fixtures.press(.character("]"), on: &state)
        #expect(state.showsDetail)
        let screen = render(state, theme: .default, size: Size(width: 120, height: 30)).lines().joined(separator: "\n")
        #expect(screen.contains("web-1 pid 101"))
        #expect(screen.contains("> reader web-2 pid 202"))
        #expect(screen.contains("batch-7 pid 303"))

        Fixtures.press(.character("d"), on: &state)
        guard case .confirm(.releaseHolder(let lock, let member, let shown)) = try #require(state.overlay) else {
            Issue.record("expected a holder release, got \(String(describing: state.overlay))")
            return
        }
        #expect(lock.key == Self.rwlock.key)
        #expect(member == Array(("read:" + Self.second).utf8))
        #expect(shown == "reader web-2 pid 202")
        #expect(Fixtures.press(.character("y"), on: &state) == [.releaseHolder(lock: Self.rwlock, member: member)])
    }

    @Test func extendActsOnTheHolderUnderTheCursor() {
        var state = selected()
        Fixtures.press(.character("e"), on: &state)
        Fixtures.type("5000", on: &state)
        #expect(Fixtures.press(.enter, on: &state)
                == [.extendHolder(lock: Self.rwlock, member: Array(("read:" + Self.first).utf8), by: .milliseconds(5000))])
    }

    @Test func theCursorStaysWithinTheHolders() {
        var state = selected()
        Fixtures.press(.character("["), .character("]"), .character("]"), .character("]"), on: &state)
        #expect(state.holderCursor == 1)
    }

    @Test func cOffersTheReadWritePatternForARWLockAndTheSemaphoreWithItsPermits() throws {
        var state = selected()
        Fixtures.press(.character("c"), on: &state)
        guard case .simulate(let form) = try #require(state.overlay) else { Issue.record("no dialog"); return }
        #expect(form.pattern == .rwlock)
        #expect(form.resource == "doc")

        let semaphore = LockEntity(key: Array("semaphore:{pool}".utf8), resource: "pool", family: .locktop, kind: .semaphore,
                                   shared: SharedHolds(holders: [Self.holder(.permit, Self.first, ttl: 5)], permits: 7),
                                   ttl: .remaining(.seconds(5)))
        var other = Fixtures.state(size: Size(width: 120, height: 30), snapshot: Fixtures.snapshot(locks: [semaphore]))
        Fixtures.press(.home, .character("c"), on: &other)
        guard case .simulate(let semaphoreForm) = try #require(other.overlay) else { Issue.record("no dialog"); return }
        #expect(semaphoreForm.pattern == .semaphore)
        #expect(try semaphoreForm.parameters().permits == 7)
    }
}
