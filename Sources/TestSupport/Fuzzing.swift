import Foundation

/// Property tests over random inputs, as a fuzzer would feed them: a short run in `make test`,
/// a long one with `LOCKTOP_FUZZ_SECONDS=600 swift test --filter Fuzz`. Each run prints how
/// many inputs it tried and its seed; `LOCKTOP_FUZZ_SEED` replays one.
public enum Fuzzing {
    /// Calls `body` with a seeded generator `iterations` times, or for `LOCKTOP_FUZZ_SECONDS` seconds.
    public static func run(_ name: String, iterations: Int = 500, _ body: (inout SeededGenerator) throws -> Void) rethrows {
        let environment = ProcessInfo.processInfo.environment
        let seed = environment["LOCKTOP_FUZZ_SEED"].flatMap { UInt64($0) } ?? UInt64.random(in: 1...UInt64.max)
        let seconds = environment["LOCKTOP_FUZZ_SECONDS"].flatMap(Double.init)
        var generator = SeededGenerator(seed: seed)
        let clock = ContinuousClock()
        let start = clock.now
        var executions = 0
        func more() -> Bool {
            if let seconds { return clock.now - start < .seconds(seconds) }
            return executions < iterations
        }
        while more() {
            try body(&generator)
            executions += 1
        }
        let elapsed = clock.now - start
        print("fuzz \(name): \(executions) executions in \(elapsed.formatted(.units(allowed: [.seconds], fractionalPart: .show(length: 1)))), seed \(seed)")
    }
}

/// SplitMix64: small, fast and seedable, so a failing input can be replayed.
public struct SeededGenerator: RandomNumberGenerator {
    private var state: UInt64
    public init(seed: UInt64) { state = seed }
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// Up to `maximum` random bytes, biased towards the ones that break parsers.
    public mutating func bytes(upTo maximum: Int) -> [UInt8] {
        let interesting: [UInt8] = [0x00, 0x07, 0x0A, 0x0D, 0x1B, 0x5C, 0x7B, 0x7D, 0x3A, 0x2D, 0x22, 0x7F, 0x80, 0x9B, 0xC3, 0xE2, 0xED, 0xF0, 0xFF]
        return (0..<Int.random(in: 0...maximum, using: &self)).map { _ in
            Bool.random(using: &self) ? interesting.randomElement(using: &self) ?? 0 : UInt8.random(in: 0...255, using: &self)
        }
    }
}
