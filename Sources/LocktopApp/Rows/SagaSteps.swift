import LockInspector

/// A saga's steps as the recogniser read them (in saga order), and which one is current.
struct SagaSteps: Sendable {
    var steps: [SagaStep]

    init(_ saga: SagaEntity) { steps = saga.steps }

    /// The step being worked on: one running, compensating or failed, else the first pending one.
    var current: SagaStep? {
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
