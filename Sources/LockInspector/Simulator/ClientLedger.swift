import Histogram
import Synchronization

/// What one client counted, written by the client after each acquisition and read by the
/// reporter once an interval. Each client has its own, so clients never contend on it.
final class ClientLedger: Sendable {
    /// Running totals since the start.
    struct Totals: Sendable {
        var acquisitions = 0
        var timeouts = 0
        var violations = 0
        var lostLeases = 0
        var held = Duration.zero
        /// Commands the mutual-exclusion check sent (taken out of the commands per acquisition).
        var checkCommands = 0
        var isHolding = false
    }

    private struct State: ~Copyable {
        var totals = Totals()
        /// Waits since the reporter last drained them (microseconds).
        var waits = ClientLedger.emptyHistogram()
    }

    private let state = Mutex(State())

    /// Longest wait the histograms keep (microseconds); longer ones are recorded as this.
    static let longestWait: UInt64 = 3_600_000_000

    static func emptyHistogram() -> Histogram<UInt64> {
        Histogram<UInt64>(highestTrackableValue: longestWait, numberOfSignificantValueDigits: .three)
    }

    /// The client got the lock after waiting `waited` and is now inside the critical section.
    func entered(after waited: Duration) {
        let microseconds = UInt64(max(0, waited.milliseconds * 1000))
        state.withLock { state in
            _ = state.waits.record(min(microseconds, Self.longestWait))
            state.totals.isHolding = true
        }
    }

    /// The client left the critical section and released (or found its lease gone).
    func left(held: Duration, violated: Bool, leaseLost: Bool) {
        state.withLock { state in
            state.totals.isHolding = false
            state.totals.acquisitions += 1
            state.totals.held += held
            if violated { state.totals.violations += 1 }
            if leaseLost { state.totals.lostLeases += 1 }
        }
    }

    func timedOut() {
        state.withLock { $0.totals.timeouts += 1 }
    }

    func sentCheckCommand() {
        state.withLock { $0.totals.checkCommands += 1 }
    }

    /// The totals, and adds the waits recorded since the last call to `waits` (then forgets them).
    func drain(into waits: inout Histogram<UInt64>) -> Totals {
        state.withLock { state in
            if state.waits.totalCount > 0 {
                waits.add(state.waits)
                state.waits.reset()
            }
            return state.totals
        }
    }
}
