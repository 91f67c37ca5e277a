import LockInspector
import Synchronization

/// Runs the dashboard's contention simulation (one at a time) and posts its reports.
final class SimulationRunner: Sendable {
    private let simulator: Simulator
    private let inbox: Inbox
    private let running = Mutex<Task<Void, Never>?>(nil)

    init(simulator: Simulator, inbox: Inbox) {
        self.simulator = simulator
        self.inbox = inbox
    }

    /// Starts a run of `parameters`, after the previous one (if any) stopped and cleaned up.
    func start(_ parameters: SimulationParameters) {
        let simulator = self.simulator
        let inbox = self.inbox
        running.withLock { current in
            let previous = current
            previous?.cancel()
            current = Task.detached {
                await previous?.value
                do {
                    let report = try await simulator.run(parameters) { inbox.post(.simulation(.report($0))) }
                    inbox.post(.simulation(.report(report)))
                } catch {
                    if case SimulationError.cancelled(let report) = error {
                        inbox.post(.simulation(.ended(reason: "stopped; its clients ended and its keys were deleted", lastReport: report)))
                    } else {
                        inbox.post(.simulation(.ended(reason: "\(error)", lastReport: nil)))
                    }
                }
            }
        }
    }

    /// Stops the running simulation; its clients end and its keys are deleted.
    func stop() {
        running.withLock { $0 }?.cancel()
    }

    /// Stops the running simulation and waits until it has cleaned up (the dashboard closes).
    func finish() async {
        let task = running.withLock { $0 }
        task?.cancel()
        await task?.value
    }
}
