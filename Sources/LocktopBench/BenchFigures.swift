import Foundation

/// How the benchmarks summarise and print what they measured.
enum BenchFigures {
    /// The middle value (the mean of the two middle ones for an even count); 0 for none.
    static func median(_ values: [Double]) -> Double {
        let sorted = values.sorted()
        guard !sorted.isEmpty else { return 0 }
        return sorted.count % 2 == 1 ? sorted[sorted.count / 2] : (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2
    }

    /// Seconds with three decimals.
    static func seconds(_ value: Double) -> String { String(format: "%.3f", value) }

    /// `1.23x`.
    static func ratio(_ value: Double) -> String { String(format: "%.2fx", value) }

    /// Wall-clock seconds `body` takes.
    static func time(_ body: () async throws -> Void) async throws -> Double {
        let clock = ContinuousClock()
        let started = clock.now
        try await body()
        return (clock.now - started).seconds
    }
}
