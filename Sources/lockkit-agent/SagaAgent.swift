import GuideScenarios
import LockKit

/// The order saga subcommands.
enum SagaAgent {
    /// `saga-order --url U --order ID --user U --item I [--quantity N] --amount N [--coupon C]
    /// [--pause-after STEP | --pause-before STEP | --pause-in STEP] [--fail-at STEP [--fail-moment before|after]]`
    ///
    /// Places the order and runs its saga. `--pause-after` stops once STEP is recorded done,
    /// `--pause-before` once it is recorded running (its effect not yet applied), `--pause-in`
    /// after its effect but before it is recorded done; each prints `paused-<when> STEP` and
    /// blocks until killed. Otherwise it prints `outcome completed` or `outcome failed STEP`.
    static let order: AgentCommand = { arguments in
        let options = try AgentOptions(arguments)
        let order = Order(id: try options.required("order"), user: try options.required("user"),
                          item: try options.required("item"), quantity: try options.int("quantity", default: 1),
                          amount: try options.int("amount", default: 0), coupon: options.optional("coupon"))
        let pauseAfter = try step(options, "pause-after")
        let pauseBefore = try step(options, "pause-before")
        let pauseIn = try step(options, "pause-in")
        var shop = OrderSaga(connection: try await options.connect(), failures: try failures(options))
        shop.sagaOptions.observer = { transition in
            switch transition {
            case .stepDone(let name) where name == pauseAfter?.rawValue:
                await pause("paused-after", name)
            case .stepStarted(let name, _) where name == pauseBefore?.rawValue:
                await pause("paused-before", name)
            default:
                break
            }
        }
        shop.effectObserver = { step in
            if step == pauseIn { await pause("paused-in", step.rawValue) }
        }
        report(try await shop.place(order))
        return 0
    }

    /// `saga-resume --url U --order ID`: recovers the order's saga and prints its outcome.
    static let resume: AgentCommand = { arguments in
        let options = try AgentOptions(arguments)
        let shop = OrderSaga(connection: try await options.connect(), failures: try failures(options))
        report(try await shop.recover(orderID: try options.required("order")))
        return 0
    }

    private static func pause(_ label: String, _ step: String) async -> Never {
        Agent.say("\(label) \(step)")
        await Agent.blockForever()
    }

    private static func report(_ outcome: SagaOutcome) {
        switch outcome {
        case .completed: Agent.say("outcome completed")
        case .failed(let step, let reason): Agent.say("outcome failed \(step ?? "-"): \(reason)")
        }
    }

    private static func step(_ options: AgentOptions, _ name: String) throws -> OrderStep? {
        guard let text = options.optional(name) else { return nil }
        guard let step = OrderStep(rawValue: text) else {
            throw AgentOptions.UsageError(description: "--\(name) must be one of \(OrderStep.allCases.map(\.rawValue)), got '\(text)'")
        }
        return step
    }

    private static func failures(_ options: AgentOptions) throws -> OrderFailurePolicy {
        guard let step = try step(options, "fail-at") else { return .none }
        let moment: OrderFailurePolicy.Moment = options.optional("fail-moment") == "after" ? .afterEffect : .beforeEffect
        return .fail(at: step, moment)
    }
}
