@testable import LockInspector
import Testing

@Suite struct KeyOrderTests {
    private func bytes(_ text: String) -> [UInt8] { Array(text.utf8) }

    @Test func numbersInKeysCompareAsNumbers() {
        let keys = ["saga:order:{ord-0-10}", "saga:order:{ord-0-2}", "saga:order:{ord-0-1}", "saga:order:{ord-0-20}", "lock:9", "lock:10"]
        let sorted = keys.map(bytes).sorted(by: KeyOrder.precedes).map { String(decoding: $0, as: UTF8.self) }
        #expect(sorted == ["lock:9", "lock:10", "saga:order:{ord-0-1}", "saga:order:{ord-0-2}", "saga:order:{ord-0-10}", "saga:order:{ord-0-20}"])
    }

    @Test func leadingZerosTieBreakByBytesSoNoTwoKeysAreEqual() {
        #expect(KeyOrder.precedes(bytes("k007"), bytes("k7")))
        #expect(!KeyOrder.precedes(bytes("k7"), bytes("k007")))
        #expect(KeyOrder.precedes(bytes("k7"), bytes("k08")))
        #expect(!KeyOrder.precedes(bytes("k7"), bytes("k7")))
    }

    @Test func textWithoutDigitsKeepsByteOrder() {
        let fixed: [[UInt8]] = [[], [0], [0, 0], [0x7F], [0x80], [0xFF], [0xFF, 0], bytes("lock:"), bytes("lock:a"), bytes("lock;")]
        for first in fixed {
            for second in fixed {
                #expect(KeyOrder.precedes(first, second) == first.lexicographicallyPrecedes(second), "\(first) \(second)")
            }
        }
    }

    /// Binary search in a snapshot needs a strict total order: irreflexive, asymmetric, transitive, total.
    @Test func isAStrictTotalOrderOverRandomKeysWithDigits() {
        var generator = SystemRandomNumberGenerator()
        let alphabet: [UInt8] = [0, 0x30, 0x31, 0x39, 0x3A, 0x2F, 0x61, 0x7F, 0x80, 0xFF]
        let keys = (0..<120).map { _ in (0..<Int.random(in: 0...7, using: &generator)).map { _ in alphabet.randomElement(using: &generator) ?? 0 } }
        for a in keys {
            #expect(!KeyOrder.precedes(a, a))
            for b in keys {
                let ab = KeyOrder.precedes(a, b), ba = KeyOrder.precedes(b, a)
                #expect(!(ab && ba), "\(a) \(b)")
                #expect(ab || ba || a == b, "\(a) \(b)")
            }
        }
        let sorted = keys.sorted(by: KeyOrder.precedes)
        for index in sorted.indices.dropFirst() {
            #expect(!KeyOrder.precedes(sorted[index], sorted[index - 1]))
            if index >= 2 { #expect(!KeyOrder.precedes(sorted[index], sorted[index - 2])) }
        }
    }
}
