import Foundation
import LockInspector
import Testing
@testable import LocktopApp
import TerminalUI

@Suite struct SimulationKeyTests {
    /// The Locks view with `lock:{coupon:123}` selected and `c` pressed.
    private func dialogOpen(readOnly: Bool = false) -> AppState {
        var state = Fixtures.state(readOnly: readOnly)
        Fixtures.press(.down, .character("c"), on: &state)
        return state
    }

    private func openForm(_ state: AppState) -> SimulationForm? {
        if case .simulate(let form) = state.overlay { return form }
        return nil
    }

    @Test func cOnALockOpensTheDialogForItsResource() throws {
        let form = try #require(openForm(dialogOpen()))
        #expect(form.resource == "coupon:123")
        #expect(form.pattern == .notified)
    }

    @Test func readOnlyRefusesTheDialog() {
        let state = dialogOpen(readOnly: true)
        #expect(state.overlay == nil)
        #expect(state.statusMessage == "read-only: simulate contention on the selected lock is disabled")
    }

    @Test func enterStartsTheFormsSimulationAndShowsTheSimulatorView() {
        var state = dialogOpen()
        // Pattern one step right of notified, 3 clients, 25 ms holds, 4 s.
        Fixtures.press(.right, .down, .backspace, on: &state)
        Fixtures.type("3", on: &state)
        Fixtures.press(.down, .backspace, .backspace, on: &state)
        Fixtures.type("25", on: &state)
        Fixtures.press(.down, .backspace, .backspace, on: &state)
        Fixtures.type("4", on: &state)
        let effects = Fixtures.press(.enter, on: &state)
        let expected = SimulationParameters(pattern: .priority, clients: 3, hold: .milliseconds(25),
                                            limit: .duration(.seconds(4)), resource: "coupon:123")
        #expect(effects == [.startSimulation(expected)])
        #expect(state.overlay == nil)
        #expect(state.view == .simulator)
        #expect(state.simulator.isRunning)
    }

    @Test func lettersDoNotGoIntoNumberFieldsAndABadNumberKeepsTheDialogOpen() {
        var state = dialogOpen()
        Fixtures.press(.down, .backspace, on: &state)
        Fixtures.type("x0", on: &state)
        #expect(openForm(state)?.clients.text == "0")
        #expect(Fixtures.press(.enter, on: &state).isEmpty)
        #expect(openForm(state) != nil)
        #expect(state.statusMessage?.contains("clients must be between 1 and 1000") == true)
    }

    @Test func escapeCancelsTheDialog() {
        var state = dialogOpen()
        #expect(Fixtures.press(.escape, on: &state).isEmpty)
        #expect(state.overlay == nil)
        #expect(state.statusMessage == "cancelled")
    }

    @Test func escapeInTheSimulatorViewStopsARunningSimulation() {
        var state = dialogOpen()
        Fixtures.press(.enter, on: &state)
        #expect(Fixtures.press(.escape, on: &state) == [.stopSimulation])
        // The simulator marks the report of a cancelled run final; the view still says it was stopped.
        var last = Fixtures.simulationReport
        last.isFinal = true
        _ = update(&state, .simulation(.ended(reason: "stopped", lastReport: last)))
        #expect(!state.simulator.isRunning)
        #expect(render(state, theme: .default, size: state.size).lines().contains { $0.contains("stopped after 4.0s") })
        #expect(state.simulator.report == last)
        #expect(Fixtures.press(.escape, on: &state).isEmpty, "nothing left to stop")
    }

    @Test func theFinalReportEndsTheRun() {
        var state = dialogOpen()
        Fixtures.press(.enter, on: &state)
        var report = Fixtures.simulationReport
        _ = update(&state, .simulation(.report(report)))
        #expect(state.simulator.isRunning)
        report.isFinal = true
        _ = update(&state, .simulation(.report(report)))
        #expect(!state.simulator.isRunning)
        #expect(state.statusMessage == "simulation finished: 82 acquisitions, 0 violations")
    }

    @Test func cWhileRunningGoesToTheRunInsteadOfStartingAnother() {
        var state = dialogOpen()
        Fixtures.press(.enter, .character("1"), on: &state)
        #expect(Fixtures.press(.character("c"), on: &state).isEmpty)
        #expect(state.overlay == nil)
        #expect(state.view == .simulator)
    }

    @Test func aShadowLocksResourceIsSimulatedWithoutTheNamespace() {
        let shadow = Fixtures.lock("locktop:sim:lock:{coupon:9}", resource: "locktop:sim:coupon:9")
        var state = Fixtures.state(snapshot: Fixtures.snapshot(locks: [shadow]))
        Fixtures.press(.character("c"), on: &state)
        #expect(openForm(state)?.resource == "coupon:9")
    }
}
