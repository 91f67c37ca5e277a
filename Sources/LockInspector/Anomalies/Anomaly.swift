/// Something in a snapshot an operator should look at.
public struct Anomaly: Sendable, Hashable, Codable {
    public enum Kind: String, Sendable, Hashable, Codable, CaseIterable {
        case noTTL = "no-ttl"
        case ttlOutlier = "ttl-outlier"
        case heldTooLong = "held-too-long"
        case waitersWithoutHolder = "waiters-without-holder"
        case sagaStuck = "saga-stuck"
        case transactionInDoubt = "transaction-in-doubt"
        case redlockMinority = "redlock-minority"
        case ownerGone = "owner-gone"
        case holderWithoutTTL = "holder-no-ttl"
        case permitsOverLimit = "permits-over-limit"
        case writerWaiting = "writer-waiting"
    }

    public enum Severity: String, Sendable, Hashable, Codable, Comparable {
        case warning, critical

        public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs == .warning && rhs == .critical }
    }

    public let key: [UInt8]
    public let kind: Kind
    public let severity: Severity
    /// One sentence saying what is wrong, for the detail pane and `locktop list`.
    public let message: String

    public init(key: [UInt8], kind: Kind, severity: Severity, message: String) {
        self.key = key
        self.kind = kind
        self.severity = severity
        self.message = message
    }
}

/// Limits above which the rules speak up.
public struct AnomalyThresholds: Sendable, Hashable {
    /// A lock held longer than this (by its token's acquired-at time).
    public var heldLongerThan: Duration = .seconds(300)
    /// A TTL this many times the median of its family's locks.
    public var ttlOutlierFactor: Double = 10
    /// Families need this many locks before a median means anything.
    public var ttlOutlierMinimumLocks = 3
    /// A saga running or compensating without an update for this long.
    public var sagaStaleAfter: Duration = .seconds(60)
    /// A writer waiting for a read-write lock this long (by its token's time).
    public var writerWaitingLongerThan: Duration = .seconds(60)

    public init() {}
}
