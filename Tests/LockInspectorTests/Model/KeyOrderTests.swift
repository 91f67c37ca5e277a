@testable import LockInspector
import Testing

@Suite struct KeyOrderTests {
    @Test func ordersKeysAsTheirBytesDoLexicographically() {
        var generator = SystemRandomNumberGenerator()
        let fixed: [[UInt8]] = [[], [0], [0, 0], [0x7F], [0x80], [0xFF], [0xFF, 0], Array("lock:".utf8), Array("lock:a".utf8), Array("lock;".utf8)]
        let bytes: [UInt8] = [0, 1, 0x7F, 0x80, 0xFE, 0xFF]
        let random = (0..<150).map { _ in (0..<Int.random(in: 0...6, using: &generator)).map { _ in bytes.randomElement(using: &generator) ?? 0 } }
        let keys = fixed + random
        for first in keys {
            for second in keys {
                #expect(KeyOrder.precedes(first, second) == first.lexicographicallyPrecedes(second), "\(first) \(second)")
            }
        }
    }
}
