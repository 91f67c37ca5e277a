/// What a step's action and compensation are told.
public struct SagaStepContext: Sendable {
    /// The saga's name.
    public let sagaName: String
    /// The saga's id.
    public let sagaID: String
    /// This step's name.
    public let step: String
    /// `<saga name>:<saga id>:<step>`: the same on every attempt and in the compensation,
    /// so an effect keyed by it is applied at most once and undone at most once.
    public let idempotencyKey: String
    /// 1 on the first run; higher when a crash left the step running and it is re-run.
    public let attempt: Int
    /// The lease on the saga; long work should stop when `lease.isHeld` turns false.
    public let lease: LockLease
}

/// One step of a saga: a forward action and, optionally, the compensation that undoes it.
///
/// Rules the driver follows (see `Saga`):
/// - A step is never run again once recorded `done`, and a `pending` step is never compensated.
/// - A step found `running` after a crash (its outcome unknown) is re-run only if `isIdempotent`.
/// - A step whose action failed, or whose outcome is unknown, is compensated only if
///   `compensationToleratesPartialRun`: its compensation must then cope with an action that
///   did nothing, part of its work, or all of it.
/// - Compensations may be run more than once (a crash mid-compensation): make them idempotent.
public struct SagaStep: Sendable {
    /// A forward action or a compensation.
    public typealias Action = @Sendable (SagaStepContext) async throws -> Void

    /// Unique within the saga; the step's hash field.
    public let name: String
    /// The action checks its idempotency key, so re-running it after a crash is safe.
    public var isIdempotent: Bool
    /// The compensation may run for an action that failed or whose outcome is unknown.
    public var compensationToleratesPartialRun: Bool
    /// The forward action.
    public let action: Action
    /// Undoes the action; `nil` when there is nothing to undo.
    public let compensation: Action?

    /// A step; see the rules above for `idempotent` and `compensationToleratesPartialRun`.
    public init(_ name: String, idempotent: Bool = false, compensationToleratesPartialRun: Bool = false,
                action: @escaping Action, compensation: Action? = nil) {
        self.name = name
        self.isIdempotent = idempotent
        self.compensationToleratesPartialRun = compensationToleratesPartialRun
        self.action = action
        self.compensation = compensation
    }
}
