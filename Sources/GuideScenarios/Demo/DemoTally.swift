import Synchronization

/// What the demo's scenarios have done so far; every loop adds to it as it goes.
struct DemoTally: Sendable, Encodable, Equatable {
    var couponRounds = 0
    var couponsIssued = 0
    /// Rounds where grants and Redis disagreed (an overlap of critical sections): must stay 0.
    var couponRoundsInexact = 0
    var filesProcessed = 0
    /// Files whose lock was lost or changed hands mid-job: must stay 0.
    var filesNotHeldThroughout = 0
    /// Priority lock acquisitions, by the worker's priority (as text, for JSON).
    var priorityAcquisitions: [String: Int] = [:]
    var ordersCompleted = 0
    var ordersCompensated = 0
    var transfersCommitted = 0
    var transfersAborted = 0
    /// Errors by scenario: a scenario that fails pauses and tries again.
    var errors: [String: Int] = [:]
    /// The last error message of each scenario, for the summary.
    var lastErrors: [String: String] = [:]
}

/// The tally shared by the scenario loops.
final class DemoProgress: Sendable {
    private let tally = Mutex(DemoTally())

    func record(_ change: (inout DemoTally) -> Void) {
        tally.withLock { change(&$0) }
    }

    func recordError(_ scenario: DemoScenario, _ error: any Error) {
        tally.withLock {
            $0.errors[scenario.rawValue, default: 0] += 1
            $0.lastErrors[scenario.rawValue] = "\(error)"
        }
    }

    var current: DemoTally { tally.withLock { $0 } }
}

/// The demo's background scenarios, named as the summary shows them.
enum DemoScenario: String, CaseIterable, Sendable {
    case coupons = "coupon issuance"
    case files = "file processing"
    case priority = "priority workers"
    case orders = "order sagas"
    case transfers = "2pc transfers"
}
