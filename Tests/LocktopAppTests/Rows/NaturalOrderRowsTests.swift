import Foundation
import LockInspector
import Testing
@testable import LocktopApp
import TerminalUI

/// Numbers in ids and keys sort as numbers in every view, in the natural order and by column.
@Suite struct NaturalOrderRowsTests {
    private func saga(_ id: String) -> SagaEntity {
        SagaEntity(key: Array("saga:order:{\(id)}".utf8), name: "order", id: id, status: "running", steps: [],
                   updatedAt: Fixtures.now, ttl: .noExpiry)
    }

    private func state(sagaIDs: [String], lockNumbers: [Int]) -> AppState {
        let locks = lockNumbers.map { Fixtures.lock("lock:{job:\($0)}", resource: "job:\($0)") }
        let entities = sagaIDs.map { Entity.saga(saga($0)) } + locks.map(Entity.lock)
        return Fixtures.state(snapshot: Snapshot(takenAt: Fixtures.takenAt, entities: entities, scannedKeys: entities.count))
    }

    private func ids(_ state: AppState) -> [String] {
        ViewRows(state).allRows().map { String(decoding: $0.id, as: UTF8.self) }
    }

    @Test func sagaIdsListWithTheirNumbersAsNumbers() {
        var state = state(sagaIDs: ["ord-0-20", "ord-0-2", "ord-0-1", "ord-0-10"], lockNumbers: [])
        Fixtures.press(.character("3"), on: &state)
        #expect(ids(state) == ["saga:order:{ord-0-1}", "saga:order:{ord-0-2}", "saga:order:{ord-0-10}", "saga:order:{ord-0-20}"])
    }

    @Test func sortingByNameIsNaturalBothWays() {
        var state = state(sagaIDs: ["ord-0-20", "ord-0-2", "ord-0-1", "ord-0-10"], lockNumbers: [])
        Fixtures.press(.character("3"), on: &state)
        Fixtures.press(.character("s"), .character("s"), .character("s"), on: &state)
        #expect(state.statusMessage == "sort: NAME ascending")
        #expect(ids(state) == ["saga:order:{ord-0-1}", "saga:order:{ord-0-2}", "saga:order:{ord-0-10}", "saga:order:{ord-0-20}"])
        Fixtures.press(.character("S"), on: &state)
        #expect(ids(state) == ["saga:order:{ord-0-20}", "saga:order:{ord-0-10}", "saga:order:{ord-0-2}", "saga:order:{ord-0-1}"])
    }

    @Test func lockKeysAreNaturalUnsortedAndSortedByKey() {
        var state = state(sagaIDs: [], lockNumbers: [10, 9, 100, 1])
        let expected = ["lock:{job:1}", "lock:{job:9}", "lock:{job:10}", "lock:{job:100}"]
        #expect(ids(state) == expected)
        Fixtures.press(.character("s"), .character("s"), on: &state)
        #expect(state.statusMessage == "sort: KEY ascending")
        #expect(ids(state) == expected)
    }

    @Test func sortKeysPutNumbersFirstThenTextThenMissing() {
        let keys: [SortKey] = [.missing, .text("a10"), .number(2), .text("a9"), .number(-1)]
        #expect(keys.sorted() == [.number(-1), .number(2), .text("a9"), .text("a10"), .missing])
    }
}
