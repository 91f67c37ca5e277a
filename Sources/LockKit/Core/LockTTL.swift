/// What PTTL says about a key, as an enum instead of Redis's -1 / -2.
public enum LockTTL: Sendable, Hashable {
    /// The key does not exist (PTTL -2).
    case missing
    /// The key exists and never expires (PTTL -1): a lock that can never free itself.
    case noExpiry
    case remaining(Duration)

    /// Interprets a PTTL reply in milliseconds.
    public init(pttl milliseconds: Int) {
        switch milliseconds {
        case -2: self = .missing
        case -1: self = .noExpiry
        default: self = .remaining(.milliseconds(max(0, milliseconds)))
        }
    }
}
