/// How a saga stores its state and locks itself.
public struct SagaOptions: Sendable {
    /// Names of the state hash, lock and event stream.
    public var schema: KeySchema
    /// How long a finished saga's hash is kept. An unfinished one never expires: it holds
    /// what must be compensated, and must survive until some process resumes it.
    public var retention: Duration
    /// TTL of the lock that keeps two processes from driving one saga; a watchdog renews it
    /// while the saga runs, so it only matters after a crash.
    public var lockTTL: Duration
    /// How long `run` and `resume` wait for another process driving the same saga.
    public var lockWait: Duration
    /// Append every transition to the saga's event stream `events:<name>:{<id>}`.
    public var emitsEvents: Bool
    /// Approximate cap (`MAXLEN ~`) on that stream; `nil` keeps every event.
    public var eventMaxLength: Int?
    /// Called after each transition is persisted, before the saga goes on (progress, tests).
    public var observer: (@Sendable (SagaTransition) async -> Void)?

    /// Defaults: 24 h retention, 30 s lock TTL and wait, events capped near 10,000.
    public init(schema: KeySchema = .default, retention: Duration = .seconds(24 * 3600),
                lockTTL: Duration = .seconds(30), lockWait: Duration = .seconds(30),
                emitsEvents: Bool = true, eventMaxLength: Int? = 10_000,
                observer: (@Sendable (SagaTransition) async -> Void)? = nil) {
        self.schema = schema
        self.retention = retention
        self.lockTTL = lockTTL
        self.lockWait = lockWait
        self.emitsEvents = emitsEvents
        self.eventMaxLength = eventMaxLength
        self.observer = observer
    }
}

/// One persisted change of a saga; also the event type written to its stream.
public enum SagaTransition: Sendable, Hashable {
    case started
    case resumed
    case stepStarted(String, attempt: Int)
    case stepDone(String)
    case stepFailed(String, error: String)
    case stepCompensating(String)
    case stepCompensated(String)
    case compensationFailed(String, error: String)
    case completed
    case failed

    /// The event's `type` field.
    public var eventType: String {
        switch self {
        case .started: "SagaStarted"
        case .resumed: "SagaResumed"
        case .stepStarted: "StepStarted"
        case .stepDone: "StepDone"
        case .stepFailed: "StepFailed"
        case .stepCompensating: "StepCompensating"
        case .stepCompensated: "StepCompensated"
        case .compensationFailed: "StepCompensationFailed"
        case .completed: "SagaCompleted"
        case .failed: "SagaFailed"
        }
    }

    /// The step it concerns, if any.
    public var step: String? {
        switch self {
        case .stepStarted(let step, _), .stepDone(let step), .stepFailed(let step, _),
             .stepCompensating(let step), .stepCompensated(let step), .compensationFailed(let step, _):
            step
        case .started, .resumed, .completed, .failed:
            nil
        }
    }
}

/// The JSON `data` of a saga event.
public struct SagaEventData: Sendable, Hashable, Codable {
    /// The saga name.
    public var saga: String
    /// The saga id.
    public var id: String
    /// The step concerned, if any.
    public var step: String?
    /// The step's attempt number.
    public var attempt: Int?
    /// Why the step or its compensation failed.
    public var error: String?
}
