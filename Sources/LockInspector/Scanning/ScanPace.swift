import RedisClient

/// Chooses each SCAN call's COUNT from how long the last call took: few round trips on a
/// large keyspace, while every call stays well below the 2 ms that would show in SLOWLOG.
///
/// A call's round trip bounds the server time it cost from above, and that time grows with
/// COUNT, so scaling COUNT by `target / roundTrip` keeps the next call's server time under
/// `target` (0.8 ms by default, well under SLOWLOG's 2 ms, leaving room for a server that is
/// slower on some calls). When a round trip also holds another call (a pass in halves) or
/// waiting on a busy machine, COUNT stays lower than the server could take: it errs on the
/// side of short calls. COUNT grows by at most half from one call to the next (growth is
/// linear only roughly, and a pass in halves alternates two calls' round trips), shrinks at
/// once, and never leaves `minimum...maximum`. Pure, so it is tested alone.
struct ScanPace: ScanCountSchedule, Hashable {
    private(set) var count: Int
    let minimum: Int
    let maximum: Int
    let target: Duration

    init(start: Int, maximum: Int, target: Duration = .microseconds(800)) {
        self.minimum = max(1, start)
        self.maximum = max(self.minimum, maximum)
        self.target = target
        count = self.minimum
    }

    private static let largestGrowth = 1.5

    /// Records the round trip of the last call and sets the next COUNT.
    mutating func record(roundTrip: Duration) {
        let scale = roundTrip > .zero ? min(Self.largestGrowth, target / roundTrip) : Self.largestGrowth
        count = min(maximum, max(minimum, Int(Double(count) * scale)))
    }
}
