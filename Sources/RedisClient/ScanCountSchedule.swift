/// Chooses each SCAN call's COUNT during a pass, from how long the previous call took.
public protocol ScanCountSchedule: Sendable {
    /// COUNT for the next call.
    var count: Int { get }
    /// The largest COUNT it will ever ask for.
    var maximum: Int { get }
    /// Time from sending a call to the arrival of its reply's first bytes: an upper bound on
    /// the server time it cost.
    mutating func record(roundTrip: Duration)
}

/// The same COUNT for every call.
public struct FixedScanCount: ScanCountSchedule {
    public let count: Int
    public var maximum: Int { count }
    public init(_ count: Int) { self.count = max(1, count) }
    public func record(roundTrip: Duration) {}
}
