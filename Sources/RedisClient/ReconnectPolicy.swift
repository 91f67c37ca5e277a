import Foundation

/// How a connection that was lost tries again: capped exponential backoff with jitter.
public struct ReconnectPolicy: Sendable, Hashable {
    /// Delay before the second consecutive attempt; the first is immediate.
    public var initialDelay: Duration
    /// Upper bound of any single delay.
    public var maximumDelay: Duration
    public var multiplier: Double
    /// Fraction of the delay added or removed at random (0.25 = +-25%), so clients spread out.
    public var jitter: Double
    /// Attempts one command makes before it gives up with the last connect error.
    public var attemptsPerCommand: Int

    public init(
        initialDelay: Duration = .milliseconds(50),
        maximumDelay: Duration = .seconds(1),
        multiplier: Double = 2,
        jitter: Double = 0.25,
        attemptsPerCommand: Int = 3
    ) {
        self.initialDelay = initialDelay
        self.maximumDelay = maximumDelay
        self.multiplier = multiplier
        self.jitter = jitter
        self.attemptsPerCommand = max(1, attemptsPerCommand)
    }

    public static let `default` = ReconnectPolicy()

    /// The wait before attempt number `failures + 1`, after `failures` consecutive failures.
    public func delay(afterFailures failures: Int, using generator: inout some RandomNumberGenerator) -> Duration {
        guard failures > 0 else { return .zero }
        let base = initialDelay.seconds * pow(multiplier, Double(min(failures - 1, 32)))
        let capped = min(base, maximumDelay.seconds)
        let spread = jitter > 0 ? Double.random(in: -jitter...jitter, using: &generator) : 0
        return .seconds(max(0, min(capped * (1 + spread), maximumDelay.seconds)))
    }
}

extension Duration {
    /// The duration in seconds as a `Double`.
    public var seconds: Double {
        let (whole, fraction) = components
        return Double(whole) + Double(fraction) / 1e18
    }
}
