import Foundation
import LockInspector
import LockKit
import VisibleText

/// A saga's steps read from their JSON fields, in saga order, and which one is current.
struct SagaSteps: Sendable {
    struct Step: Sendable, Hashable {
        var name: String
        /// `done`, `running`, ...; the raw text when the field is not LockKit's JSON.
        var state: String
        var attempt: Int?
        var error: String?
    }

    var steps: [Step]

    init(_ saga: SagaEntity) {
        let decoder = JSONDecoder()
        let parsed = saga.steps.enumerated().map { position, step -> (Int, Step) in
            // Step values are visible text; the JSON is the bytes behind it.
            if let raw = VisibleText.bytes(of: step.state), let record = try? decoder.decode(SagaStepRecord.self, from: Data(raw)) {
                return (record.index, Step(name: step.name, state: record.state.rawValue, attempt: record.attempt,
                                           error: record.error ?? record.compensationError))
            }
            return (position, Step(name: step.name, state: step.state, attempt: nil, error: nil))
        }
        steps = parsed.sorted { $0.0 < $1.0 }.map(\.1)
    }

    /// The step being worked on: one running, compensating or failed, else the first pending one.
    var current: Step? {
        steps.last { ["running", "compensating", "failed"].contains($0.state) } ?? steps.first { $0.state == "pending" }
    }

    /// One mark per step: `✓` done, `▶` running, `✗` failed, `↺` compensating, `↩` compensated, `·` pending.
    var marks: String {
        steps.map { step in
            switch step.state {
            case "done": "✓"
            case "running": "▶"
            case "failed": "✗"
            case "compensating": "↺"
            case "compensated": "↩"
            case "pending": "·"
            default: "?"
            }
        }.joined()
    }
}
