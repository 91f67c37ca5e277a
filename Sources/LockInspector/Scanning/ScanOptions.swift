/// What the scanner looks for and how much it reads of each key.
public struct ScanOptions: Sendable, Hashable {
    /// Glob patterns of keys to inspect; keys matching none are counted but not read.
    public var patterns: [String]
    /// SCAN COUNT of the first call: keys the server looks at per call.
    public var count: Int
    /// COUNT grows up to this while calls stay fast (see `ScanPace`); set it to `count` for a fixed COUNT.
    public var maximumCount: Int
    public var caps: ReadCaps
    /// A keyspace of at least this many keys is scanned as two halves with a call of each in
    /// flight, so the server never waits for the client between calls (standalone Redis only,
    /// see `ScanSplitSupport`); below it one chain of calls is quick enough.
    public var halvesFromKeys: Int
    /// Whether each full scan also reads `CLIENT LIST` and the release channels' subscribers (`Liveness`).
    public var readsLiveness: Bool

    public init(patterns: [String] = ScanOptions.defaultPatterns, count: Int = 500, maximumCount: Int = 5000,
                caps: ReadCaps = ReadCaps(), halvesFromKeys: Int = 50_000, readsLiveness: Bool = true) {
        self.patterns = patterns.isEmpty ? ScanOptions.defaultPatterns : patterns
        self.count = max(1, count)
        self.maximumCount = max(self.count, maximumCount)
        self.caps = caps
        self.halvesFromKeys = halvesFromKeys
        self.readsLiveness = readsLiveness
    }

    /// The guide's and LockKit's layouts and the libraries in LOCK-LAYOUTS, plus any key
    /// whose name contains "lock" in any case.
    public static let defaultPatterns = [
        "lock:*", "lock-signal:*", "redlock:*", "mutex:*", "semaphore:*",
        "tx:*", "saga:*", "events:*", "checkpoint:*",
        "redisson_*", "bull:*:lock", "coupon:issue:*", "file:processing:*",
        "*[lL][oO][cC][kK]*",
    ]
}

/// Upper bounds on what is read of one key, so a 1 MB value or a million-member zset costs
/// the same as a small one.
public struct ReadCaps: Sendable, Hashable {
    public var stringBytes = 4096
    public var hashFields = 100
    public var zsetMembers = 100
    public var listElements = 100
    public var streamEntries = 20

    public init() {}
}
