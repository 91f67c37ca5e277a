/// A participant's answer to `prepare`.
public enum TwoPhaseVote: Sendable, Hashable {
    /// Prepared: it has reserved what commit needs and will commit when told, whatever happens meanwhile.
    case yes
    /// Refused: the transaction must abort.
    case no(reason: String)
}

/// What recovery needs to rebuild a participant in another process: a kind and its
/// parameters, stored as JSON in the transaction record.
public struct TwoPhaseParticipantDescriptor: Codable, Sendable, Hashable {
    /// Which resolver rebuilds the participant (e.g. `redis-reservation`).
    public var kind: String
    /// What the resolver needs, e.g. the key and amount.
    public var parameters: [String: String]

    /// A descriptor of `kind` with `parameters`.
    public init(kind: String, parameters: [String: String]) {
        self.kind = kind
        self.parameters = parameters
    }
}

/// One resource manager in a two-phase commit.
///
/// Every method must be idempotent for one (transaction, participant index): a coordinator
/// that crashed is replaced by another that repeats phase 2, and an abort may arrive for a
/// transaction the participant never prepared (it must then refuse a later prepare).
/// `prepare` must make commit certain to succeed (reserve, lock), not merely record a marker.
public protocol TwoPhaseParticipant: Sendable {
    /// Rebuilds this participant in a recovering process (see `TwoPhaseCommit.recover`).
    var descriptor: TwoPhaseParticipantDescriptor { get }
    /// Reserves what commit needs and votes; a thrown error counts as a `no`.
    func prepare(transaction id: String, participant index: Int) async throws -> TwoPhaseVote
    /// Makes the prepared change final.
    func commit(transaction id: String, participant index: Int) async throws
    /// Undoes what prepare reserved, if anything, and refuses any later prepare.
    func abort(transaction id: String, participant index: Int) async throws
}

/// Builds a participant from its stored descriptor; nil for kinds it does not know.
public typealias TwoPhaseParticipantResolver = @Sendable (TwoPhaseParticipantDescriptor) -> (any TwoPhaseParticipant)?
