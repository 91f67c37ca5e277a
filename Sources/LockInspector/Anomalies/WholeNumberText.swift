import Foundation

/// `String(format: "%.0f", value)`, without a format string per call: the held-too-long rule
/// writes one message per lock, and formatting 10,000 of them took about 30 ms. Ties round
/// to even as printf's does; what printf would write differently (-0, huge or non-finite
/// values) still goes through it.
enum WholeNumberText {
    static func of(_ value: Double) -> String {
        let rounded = value.rounded(.toNearestOrEven)
        guard rounded.isFinite, abs(rounded) < 1e15, !(rounded == 0 && value.sign == .minus) else {
            return String(format: "%.0f", value)
        }
        return String(Int(rounded))
    }
}
