import LockInspector
import TerminalUI

/// `c` opens the simulation dialog, Enter in it starts the run, Esc in the Simulator view stops it.
extension AppState {
    /// Opens the dialog for the selected lock's resource (or queue's), or a neutral one.
    mutating func askSimulate() {
        guard !simulator.isRunning else {
            view = .simulator
            statusMessage = "a simulation is running: Esc in this view stops it"
            return
        }
        var form = SimulationForm(resource: selectedResource() ?? "simulated")
        // A read-write lock or a semaphore is offered its own pattern, with its permit count.
        if case .lock(let lock)? = ViewRows(self).selected(selection)?.subject {
            switch lock.kind {
            case .readWrite: form.pattern = .rwlock
            case .semaphore:
                form.pattern = .semaphore
                form.permits = lock.shared?.permits ?? form.permits
            case .mutex, .reentrant: break
            }
        }
        overlay = .simulate(form)
    }

    /// The form's keys: Enter starts, Esc cancels, the rest edit it.
    mutating func editSimulation(_ key: KeyEvent, form: SimulationForm) -> [Effect] {
        var form = form
        switch key {
        case .escape:
            return cancelDialog()
        case .enter:
            let parameters: SimulationParameters
            do {
                parameters = try form.parameters()
            } catch {
                statusMessage = "\(error)"
                return []
            }
            guard closeDialogForWrite() else { return [] }
            simulator = SimulatorState()
            simulator.isRunning = true
            view = .simulator
            statusMessage = "simulation started on \(SimulationKeys(resource: parameters.resource, targetsRealKey: false).lock)"
            return [.startSimulation(parameters)]
        default:
            form.edit(key)
            overlay = .simulate(form)
            return []
        }
    }

    /// Esc in the Simulator view while a simulation runs.
    mutating func stopSimulation() -> [Effect] {
        statusMessage = "stopping the simulation: its clients end and its keys are deleted"
        return [.stopSimulation]
    }

    mutating func apply(_ update: SimulationUpdate) {
        switch update {
        case .report(let report):
            simulator.report = report
            if report.isFinal {
                simulator.isRunning = false
                statusMessage = "simulation finished: \(report.acquisitions) acquisitions, \(report.violations) violations"
            }
        case .ended(let reason, let lastReport):
            simulator.isRunning = false
            simulator.failure = reason
            if let lastReport { simulator.report = lastReport }
            statusMessage = "simulation ended: \(reason)"
        }
    }

    /// The resource of the selected lock or queue, without the simulator's namespace.
    private func selectedResource() -> String? {
        let resource: String? = switch ViewRows(self).selected(selection)?.subject {
        case .lock(let lock)?: lock.resource
        case .waiter(let queue, _)?: queue.resource
        default: nil
        }
        return resource.map { $0.hasPrefix(SimulationKeys.shadowPrefix) ? String($0.dropFirst(SimulationKeys.shadowPrefix.count)) : $0 }
    }
}
