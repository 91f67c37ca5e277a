import Foundation
import LockInspector
import Testing
@testable import LocktopApp
import TerminalUI

/// With `ordersInBackground`, a sort or filter over many rows is asked of the runtime: the key
/// is answered at once with the previous order, marked "sorting", until the built one arrives.
@Suite struct BackgroundOrderTests {
    private let count = AppState.foregroundOrderRows + 1000

    private func snapshot(count: Int, at time: Date = Fixtures.takenAt) -> Snapshot {
        let locks = (0..<count).map { index in
            Fixtures.lock("lock:{job:\(index)}", resource: "job:\(index)", heldFor: Double(index % 50),
                          ttl: .remaining(.milliseconds(1000 + (index * 7919) % 600_000)))
        }
        return Snapshot(takenAt: time, entities: locks.map(Entity.lock), scannedKeys: count)
    }

    private func state() -> AppState {
        var state = Fixtures.state(snapshot: snapshot(count: count))
        state.ordersInBackground = true
        return state
    }

    private func ids(_ state: AppState, first: Int = 5) -> [String] {
        ViewRows(state).rows(in: 0..<first).map { String(decoding: $0.id, as: UTF8.self) }
    }

    private func requests(_ effects: [Effect]) -> [OrderRequest] {
        effects.compactMap { if case .buildOrder(let request) = $0 { request } else { nil } }
    }

    @Test func aSortOfManyRowsIsAskedForAndThePreviousOrderShowsMarkedSorting() throws {
        var state = state()
        let before = ids(state)
        let asked = requests(Fixtures.press(.character("s"), .character("s"), .character("s"), on: &state))
        #expect(asked.count == 3, "each press asks for its own order")
        #expect(ids(state) == before, "the previous order stays on screen")
        #expect(render(state, theme: .default, size: state.size).lines()[0].contains("sorting…"))
        let last = try #require(asked.last)
        _ = update(&state, .orderBuilt(last.build()))
        #expect(state.pendingOrder == nil)
        #expect(!render(state, theme: .default, size: state.size).lines()[0].contains("sorting…"))
        var synchronous = state
        synchronous.ordersInBackground = false
        synchronous.keptOrders = [:]
        #expect(ids(state, first: 50) == ids(synchronous, first: 50), "the built order is the one update would build")
    }

    @Test func anOrderOutrunByANewSnapshotStillShowsAndTheNewDataIsSortedNext() throws {
        var state = state()
        let asked = try #require(requests(Fixtures.press(.character("S"), on: &state)).first)
        let newer = requests(update(&state, .feed(.snapshot(snapshot(count: count - 500, at: Fixtures.now)))))
        #expect(newer.count == 1, "the new data needs its own order")
        _ = update(&state, .orderBuilt(asked.build()))
        #expect(state.pendingOrder != nil, "still sorting the newer data")
        // The older order reads its rows from the data it was built on: every row is whole.
        #expect(ids(state, first: 3) == ["lock:{job:\(count - 1)}", "lock:{job:\(count - 2)}", "lock:{job:\(count - 3)}"])
        _ = update(&state, .orderBuilt(try #require(newer.first).build()))
        #expect(state.pendingOrder == nil)
        #expect(ids(state, first: 1) == ["lock:{job:\(count - 501)}"])
    }

    @Test func anOrderForAnotherSortIsDropped() throws {
        var state = state()
        let asked = try #require(requests(Fixtures.press(.character("s"), on: &state)).first)
        Fixtures.press(.character("S"), on: &state)
        let before = ids(state)
        _ = update(&state, .orderBuilt(asked.build()))
        #expect(ids(state) == before)
        #expect(state.pendingOrder != nil)
    }

    @Test func smallViewsAndTheNaturalOrderAreBuiltAtOnce() {
        var state = state()
        #expect(requests(Fixtures.press(.character("2"), .character("s"), on: &state)).isEmpty, "the queues are few")
        Fixtures.press(.character("1"), on: &state)
        #expect(requests(Fixtures.press(.character("s"), on: &state)).count == 1)
        // Back to no sort: the natural order needs no building.
        var natural = state
        natural.sorts[.locks] = SortState()
        #expect(natural.refreshDerived().isEmpty)
        #expect(natural.pendingOrder == nil)
    }

    @Test func anotherViewsOrderOverOlderDataIsDroppedSoItsDataCanGo() throws {
        var state = state()
        let asked = try #require(requests(Fixtures.press(.character("s"), on: &state)).first)
        _ = update(&state, .orderBuilt(asked.build()))
        Fixtures.press(.character("2"), on: &state)
        #expect(state.keptOrders[.locks] != nil, "kept while the data is the same: switching back is instant")
        _ = update(&state, .feed(.snapshot(snapshot(count: 10, at: Fixtures.now))))
        #expect(state.keptOrders[.locks] == nil)
    }
}
