import Foundation
import Testing
@testable import LocktopApp
import TerminalUI

@Suite struct FilterAndSortTests {
    private func keys(_ state: AppState) -> [String] {
        ViewRows(state).allRows().map { String(decoding: $0.id, as: UTF8.self) }
    }

    @Test func typingEditsAndEnterAppliesASubstringFilter() {
        var state = Fixtures.state()
        Fixtures.press(.character("/"), on: &state)
        Fixtures.type("COUPON", on: &state)
        #expect(state.filter.isEmpty, "typing does not apply yet")
        #expect(keys(state).count == 4)
        Fixtures.press(.enter, on: &state)
        #expect(state.filter == "COUPON")
        #expect(keys(state) == ["lock:{coupon:123}"])
        #expect(state.selection.id == Array("lock:{coupon:123}".utf8))
    }

    @Test func escClearsTheFilter() {
        var state = Fixtures.state()
        Fixtures.press(.function(3), on: &state)
        Fixtures.type("web", on: &state)
        Fixtures.press(.enter, on: &state)
        #expect(keys(state).count == 1)
        Fixtures.press(.character("/"), .escape, on: &state)
        #expect(state.filter.isEmpty && state.filterInput == nil)
        #expect(keys(state).count == 4)
    }

    @Test func aTildeFilterIsARegex() {
        var state = Fixtures.state()
        Fixtures.press(.character("/"), on: &state)
        Fixtures.type("~^lock:\\{(coupon|file)", on: &state)
        Fixtures.press(.enter, on: &state)
        #expect(keys(state) == ["lock:{coupon:123}", "lock:{file:report.csv}"])
    }

    @Test func anInvalidRegexIsAStatusMessageNotACrash() {
        var state = Fixtures.state()
        Fixtures.press(.character("/"), on: &state)
        Fixtures.type("~([unclosed", on: &state)
        Fixtures.press(.enter, on: &state)
        #expect(state.filter.isEmpty)
        #expect(state.filterInput != nil, "the prompt stays open to fix the pattern")
        #expect(state.statusMessage?.hasPrefix("invalid regex") == true)
        _ = render(state, theme: .default, size: state.size)
    }

    @Test func sCyclesColumnsAndCapitalSReverses() {
        var state = Fixtures.state()
        Fixtures.press(.character("s"), on: &state)
        #expect(state.sort.column == 0)
        #expect(keys(state).last == "order-lock", "ascending: the critical lock comes last")
        Fixtures.press(.function(6), on: &state)
        #expect(state.sort.column == 1)
        #expect(state.statusMessage == "sort: KEY ascending")
        Fixtures.press(.character("S"), on: &state)
        #expect(state.sort.descending)
        #expect(keys(state) == ["order-lock", "lock:{file:report.csv}", "lock:{coupon:123}", "lock:job:nightly"])
        for _ in 0..<6 { Fixtures.press(.character("s"), on: &state) }
        #expect(state.sort.column == 0, "wraps around")
    }

    @Test func sortingByAgeOrdersByHoldTime() {
        var state = Fixtures.state()
        for _ in 0..<5 { Fixtures.press(.character("s"), on: &state) }
        #expect(state.sort.column == 4)
        Fixtures.press(.character("S"), on: &state)
        #expect(keys(state).prefix(3) == ["lock:{file:report.csv}", "lock:{coupon:123}", "lock:job:nightly"])
        #expect(keys(state).last == "order-lock", "unknown age sorts last")
    }

    @Test func eventsAreNewestFirst() {
        var state = Fixtures.state()
        Fixtures.press(.character("5"), on: &state)
        let kinds = ViewRows(state).allRows().compactMap { row -> String? in
            if case .event(let event) = row.subject { return event.kind.rawValue }
            return nil
        }
        #expect(kinds == ["extended", "expired", "released", "acquired"])
    }
}
