import Foundation
@testable import LockInspector
import Testing

@Suite struct WholeNumberTextTests {
    @Test func writesWhatPrintfWritesWithNoDecimals() {
        var generator = SystemRandomNumberGenerator()
        let edges: [Double] = [0, -0.0, 0.5, 1.5, 2.5, -0.4, -0.5, -1.5, 299.5, 300.5, 976.49999, 1e15, -1e15, 4.5e15, 1e300,
                               .infinity, -.infinity, .nan, .leastNonzeroMagnitude, 9_007_199_254_740_992]
        let random = (0..<5000).map { _ in Double.random(in: -1e7...1e7, using: &generator) }
            + (0..<1000).map { _ in Double(Int.random(in: -100_000...100_000, using: &generator)) + 0.5 }
        for value in edges + random {
            #expect(WholeNumberText.of(value) == String(format: "%.0f", value), "\(value)")
        }
    }
}
