import RedisClient

/// Chooses each SCAN call's COUNT from how long the last call took: fewer round trips on a
/// large keyspace, while every call stays short enough not to stall the server.
///
/// A call's round trip bounds the server time it cost from above, so growing COUNT only
/// while round trips stay under `target` keeps each SCAN well below the 2 ms that would
/// show in SLOWLOG; COUNT never leaves `minimum...maximum`. Pure, so it is tested alone.
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

    /// Records the round trip of the last call and sets the next COUNT.
    mutating func record(roundTrip: Duration) {
        if roundTrip < target / 2 {
            count = min(maximum, count * 2)
        } else if roundTrip > target {
            count = max(minimum, count / 2)
        }
    }
}
