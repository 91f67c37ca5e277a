import Foundation
import LockInspector
import LockKit
import Testing
@testable import LocktopApp
import TerminalUI

/// The filtered, sorted order and the anomaly facts are kept in the state by `update`; a state
/// whose kept copy is stale (built or changed by hand) must draw exactly what a fresh one does.
@Suite struct DerivedRowsTests {
    private let size = Size(width: 200, height: 50)

    private func text(_ state: AppState) -> [String] {
        render(state, theme: .default, size: size).lines(trimmed: true)
    }

    private func ids(_ state: AppState) -> [String] {
        ViewRows(state).allRows().map { String(decoding: $0.id, as: UTF8.self) }
    }

    /// `state` with its kept order and facts worked out for its current data.
    private func refreshed(_ state: AppState) -> AppState {
        var copy = state
        copy.refreshDerived()
        return copy
    }

    @Test func aSnapshotSetByHandDrawsWhatUpdateWouldKeep() {
        var state = Fixtures.state(size: size)
        let newcomer = Fixtures.lock("lock:{aaa}", resource: "aaa", heldFor: 900, ttl: .noExpiry)
        state.snapshot = Fixtures.snapshot(locks: Fixtures.locks + [newcomer])
        #expect(state.keptOrder?.inputs != RowOrder.inputs(for: state), "the kept order is stale now")
        #expect(text(state) == text(refreshed(state)))
        #expect(text(state).contains { $0.contains("lock:{aaa}") })
    }

    @Test func aFilterAndASortSetByHandDrawWhatUpdateWouldKeep() {
        var state = Fixtures.state(size: size)
        state.filter = "lock:{"
        state.sorts[.locks] = SortState(column: LockRow.ttlColumn, descending: true)
        #expect(text(state) == text(refreshed(state)))
        #expect(ids(state) == ["lock:{coupon:123}", "lock:{file:report.csv}"])
    }

    @Test func eventsAddedByHandShowWithoutAnUpdate() {
        var state = Fixtures.state(size: size)
        Fixtures.press(.character("5"), on: &state)
        state.events.append(LiveEvent(time: Fixtures.now, key: Array("lock:{late}".utf8), kind: .released))
        #expect(ids(state).first?.contains("lock:{late}") == true)
        #expect(text(state) == text(refreshed(state)))
    }

    /// Every view, every sortable column, both directions, with and without a filter: the order
    /// update keeps is the order worked out from scratch.
    @Test(arguments: [AppView.locks, .queues, .transactions, .streams, .events])
    func keptOrdersEqualFreshOnes(view: AppView) {
        var state = Fixtures.state(size: size)
        state.view = view
        for filter in ["", "o"] {
            for column in [nil] + ViewRows.sortableColumns(view, servers: state.redlockServerCount) {
                for descending in [false, true] {
                    state.filter = filter
                    state.sorts[view] = SortState(column: column, descending: descending)
                    _ = update(&state, .tick(state.now))
                    let fresh = RowOrder(RowOrder.inputs(for: state), context: RowContext(state))
                    let kept = ViewRows(state)
                    #expect(kept.sources.indices.map { kept.sources[$0] } == fresh.sources.indices.map { fresh.sources[$0] },
                            "\(view) column \(String(describing: column)) descending \(descending) filter '\(filter)'")
                }
            }
        }
    }

    @Test func sortingInUpdateShowsTheRowsAFullSortWould() {
        var state = Fixtures.state(size: size)
        // TTL (column 2), ascending: by the TTL the snapshot read; no TTL sorts above every number.
        Fixtures.press(.character("s"), .character("s"), .character("s"), on: &state)
        #expect(ids(state) == ["lock:{file:report.csv}", "lock:{coupon:123}", "lock:job:nightly", "order-lock"])
        // The clock moving on does not reorder rows that all count down alike.
        _ = update(&state, .tick(Fixtures.now.addingTimeInterval(10)))
        #expect(ids(state) == ["lock:{file:report.csv}", "lock:{coupon:123}", "lock:job:nightly", "order-lock"])
    }

    @Test func ticksKeepTheOrderAndTheFacts() {
        var state = Fixtures.state(size: size)
        let order = state.keptOrder?.inputs
        let facts = state.keptFacts?.revision
        _ = update(&state, .tick(Fixtures.now.addingTimeInterval(0.25)))
        _ = update(&state, .tick(Fixtures.now.addingTimeInterval(5)))
        #expect(state.keptOrder?.inputs == order)
        #expect(state.keptFacts?.revision == facts)
    }

    @Test func liveEventsLeaveTheLocksOrderAndTheFactsAlone() {
        var state = Fixtures.state(size: size)
        let order = state.keptOrder?.inputs
        let facts = state.keptFacts?.revision
        _ = update(&state, .feed(.events([LiveEvent(time: Fixtures.now, key: Array("lock:{x}".utf8), kind: .acquired)])))
        #expect(state.keptOrder?.inputs == order)
        #expect(state.keptFacts?.revision == facts)
        Fixtures.press(.character("5"), on: &state)
        #expect(ids(state).count == Fixtures.events.count + 1)
    }

    @Test func anomalyMarksFollowTheClockWithoutANewSnapshot() {
        var state = Fixtures.state(size: size)
        let key = "lock:{coupon:123}"  // held 12 s; the rule speaks up after 300 s
        func mark() -> String? {
            text(state).first { $0.contains(key) }.map { String($0.prefix(1)) }
        }
        #expect(mark() == " ")
        _ = update(&state, .tick(Fixtures.now.addingTimeInterval(400)))
        #expect(mark() == "!")
    }

    @Test func selectionKeepsItsKeyWhenANewSnapshotReordersASortedView() {
        var state = Fixtures.state(size: size)
        Fixtures.press(.character("s"), .character("s"), .character("s"), on: &state)  // by TTL
        Fixtures.press(.character("g"), .down, on: &state)
        #expect(state.selection.id == Array("lock:{coupon:123}".utf8))
        // The coupon lock was extended: its TTL now sorts last among the countdowns.
        let extended = Fixtures.locks.map { lock in
            lock.resource == "coupon:123" ? Fixtures.lock("lock:{coupon:123}", resource: "coupon:123", ttl: .remaining(.seconds(500))) : lock
        }
        _ = update(&state, .feed(.snapshot(Fixtures.snapshot(locks: extended))))
        #expect(state.selection.id == Array("lock:{coupon:123}".utf8))
        #expect(state.selection.table.selected == 2)
        #expect(ids(state)[2] == "lock:{coupon:123}")
    }

    @Test func theLocksViewKeepsItsNaturalOrderAsACount() {
        let all = RowList.allLocks(3)
        #expect(all.count == 3 && all[2] == .lock(2))
        #expect(RowList([.lock(0), .lock(1)])[1] == .lock(1))
        let shuffled = RowList([.lock(2), .lock(0)])
        #expect(shuffled.sources == [.lock(2), .lock(0)])
        let mixed = RowList([.event(1), .event(0)])
        #expect(mixed.sources == [.event(1), .event(0)])
    }
}
