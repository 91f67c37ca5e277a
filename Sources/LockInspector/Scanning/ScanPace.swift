import RedisClient

/// Chooses each SCAN call's COUNT from how long the last call took: few round trips on a
/// large keyspace, while every call stays well below the 2 ms that would show in SLOWLOG.
///
/// A call's round trip bounds the server time it cost from above, and that time grows with
/// COUNT, so scaling COUNT by `target / roundTrip` keeps the next call's server time under
/// `target` (1 ms by default, half the SLOWLOG threshold, leaving room for a server that is
/// slower on some calls). When round trips are mostly waiting (a busy client machine) this
/// keeps COUNT lower than the server could take: it errs on the side of short calls. COUNT
/// at most doubles from one call to the next (linear growth is only an estimate) and never
/// leaves `minimum...maximum`. Pure, so it is tested alone.
struct ScanPace: ScanCountSchedule, Hashable {
    private(set) var count: Int
    let minimum: Int
    let maximum: Int
    let target: Duration

    init(start: Int, maximum: Int, target: Duration = .milliseconds(1)) {
        self.minimum = max(1, start)
        self.maximum = max(self.minimum, maximum)
        self.target = target
        count = self.minimum
    }

    /// Records the round trip of the last call and sets the next COUNT.
    mutating func record(roundTrip: Duration) {
        guard roundTrip > .zero else {
            count = min(maximum, count * 2)
            return
        }
        let scale = min(2, target / roundTrip)
        count = min(maximum, max(minimum, Int(Double(count) * scale)))
    }
}
