import Foundation
import LockKit
import RedisClient
import Synchronization
import TestSupport

/// What the steps of a test saga did, in order.
final class StepLog: Sendable {
    private let entries = Mutex<[String]>([])

    func append(_ entry: String) { entries.withLock { $0.append(entry) } }

    var all: [String] { entries.withLock { $0 } }
}

/// A one-shot rendezvous between a step and the test: the step announces it has entered and
/// waits until the test opens the gate. Lets a test act while a step is mid-flight, no sleeps.
final class Gate: Sendable {
    private struct State {
        var entered = false
        var open = false
        var enterWaiters: [CheckedContinuation<Void, Never>] = []
        var openWaiters: [CheckedContinuation<Void, Never>] = []
    }

    private let state = Mutex(State())

    /// Called by the step: marks it entered, then waits until `open()`.
    func enterAndWait() async {
        let waiters = state.withLock { state in
            state.entered = true
            defer { state.enterWaiters = [] }
            return state.enterWaiters
        }
        waiters.forEach { $0.resume() }
        await withCheckedContinuation { continuation in
            let isOpen = state.withLock { state in
                if state.open { return true }
                state.openWaiters.append(continuation)
                return false
            }
            if isOpen { continuation.resume() }
        }
    }

    /// Called by the test: returns once a step has entered.
    func waitUntilEntered() async {
        await withCheckedContinuation { continuation in
            let entered = state.withLock { state in
                if state.entered { return true }
                state.enterWaiters.append(continuation)
                return false
            }
            if entered { continuation.resume() }
        }
    }

    func open() {
        let waiters = state.withLock { state in
            state.open = true
            defer { state.openWaiters = [] }
            return state.openWaiters
        }
        waiters.forEach { $0.resume() }
    }
}

struct StepFailure: Error, CustomStringConvertible {
    let description: String
}

/// Steps `s1 ... sN` that log `do sK` and `undo sK`; `failing` throws in its action.
func loggingSteps(_ count: Int, log: StepLog, failing: Int? = nil, tolerant: Set<Int> = [],
                  idempotent: Bool = true) -> [SagaStep] {
    (1...count).map { index in
        SagaStep("s\(index)", idempotent: idempotent, compensationToleratesPartialRun: tolerant.contains(index),
                 action: { context in
                     log.append("do s\(index)")
                     if index == failing { throw StepFailure(description: "boom at s\(index), attempt \(context.attempt)") }
                 },
                 compensation: { _ in log.append("undo s\(index)") })
    }
}


/// The `type` of every event in a saga's stream, with its step, e.g. `StepDone s1`.
func eventSummary(_ saga: Saga) async throws -> [String] {
    try await saga.eventLog.replay().collect().map { event in
        let step = try event.decode(SagaEventData.self).step
        return step.map { "\(event.type) \($0)" } ?? event.type
    }
}
