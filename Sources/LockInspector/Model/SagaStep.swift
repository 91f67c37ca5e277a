/// One step of a saga as its hash field records it: LockKit's JSON decoded, another
/// layout's text kept as the state.
public struct SagaStep: Sendable, Hashable {
    /// The field name (visible text).
    public var name: String
    /// `pending`, `running`, `done`, `failed`, `compensating`, `compensated`; for a field that
    /// is not LockKit's JSON, the field's text as it is (visible text).
    public var state: String
    /// How many times the action was started, when recorded.
    public var attempt: Int?
    /// Why the action (or its compensation) failed, when recorded (visible text).
    public var error: String?

    public init(name: String, state: String, attempt: Int? = nil, error: String? = nil) {
        self.name = name
        self.state = state
        self.attempt = attempt
        self.error = error
    }
}
