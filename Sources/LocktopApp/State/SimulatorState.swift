import LockInspector

/// The Simulator view's data: the latest report of the running (or last) simulation.
public struct SimulatorState: Sendable {
    /// Live while running, final once it ended; nil before the first report.
    public var report: SimulationReport?
    /// A simulation was started and has not ended yet.
    public var isRunning = false
    /// Why the last simulation ended early, if it did.
    public var failure: String?

    public init() {}
}

/// News of the running simulation, from the runtime.
public enum SimulationUpdate: Sendable {
    /// A live report (every second) or the final one (`isFinal`).
    case report(SimulationReport)
    /// The simulation ended without a final report: stopped (Esc) or failed.
    case ended(reason: String, lastReport: SimulationReport?)
}
