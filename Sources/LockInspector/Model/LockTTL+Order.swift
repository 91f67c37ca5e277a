import LockKit

extension LockTTL {
    /// Seconds left, for ordering: a gone key first (-1), a key that never expires last (+inf).
    public var orderSeconds: Double {
        switch self {
        case .missing: -1
        case .noExpiry: .infinity
        case .remaining(let duration): duration.secondsValue
        }
    }
}
