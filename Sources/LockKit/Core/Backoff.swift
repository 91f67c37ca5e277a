/// How a waiting client spaces its retries. Every delay is jittered so that clients that
/// failed together do not all retry together (thundering herd).
public enum Backoff: Sendable, Hashable {
    /// The same interval every time.
    case fixed(Duration, jitter: Double = 0.5)
    /// The guide's adaptive spin: `start`, times `factor` every `every` tries, capped at `cap`.
    case adaptive(start: Duration = .milliseconds(10), factor: Double = 1.5, every: Int = 10,
                  cap: Duration = .milliseconds(200), jitter: Double = 0.5)

    /// The guide's adaptive backoff: 10 ms, x1.5 every 10 tries, at most 200 ms.
    public static let guideAdaptive = Backoff.adaptive()

    /// The pause after failed attempt number `attempt` (1-based).
    public func delay(afterAttempt attempt: Int, using generator: inout some RandomNumberGenerator) -> Duration {
        let base: Double
        let jitter: Double
        switch self {
        case .fixed(let interval, let spread):
            base = interval.inSeconds
            jitter = spread
        case .adaptive(let start, let factor, let every, let cap, let spread):
            var value = start.inSeconds
            for _ in 0..<((max(attempt, 1) - 1) / max(every, 1)) { value = min(value * factor, cap.inSeconds) }
            base = min(value, cap.inSeconds)
            jitter = spread
        }
        let clamped = min(max(jitter, 0), 1)
        let factor = clamped > 0 ? Double.random(in: (1 - clamped)...(1 + clamped), using: &generator) : 1
        return .seconds(base * factor)
    }
}

extension Duration {
    var inSeconds: Double {
        let (seconds, attoseconds) = components
        return Double(seconds) + Double(attoseconds) / 1e18
    }
}
