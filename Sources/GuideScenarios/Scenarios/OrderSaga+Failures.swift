/// Which order steps fail on purpose, for demos and tests.
public struct OrderFailurePolicy: Sendable, Hashable {
    /// When, within the step, the failure strikes.
    public enum Moment: String, Sendable, Hashable, Codable {
        /// Before the step touches Redis: nothing happened.
        case beforeEffect
        /// After its Redis effect: the step did its work but reports failure.
        case afterEffect
    }

    enum Rule: Sendable, Hashable {
        case never
        case at(OrderStep, Moment, orders: Set<String>?)
        case random(probability: Double, seed: UInt64, moment: Moment)
    }

    let rule: Rule

    /// Nothing fails on purpose.
    public static let none = OrderFailurePolicy(rule: .never)

    /// `step` fails for every order, or only for `orders`.
    public static func fail(at step: OrderStep, _ moment: Moment = .beforeEffect, orders: Set<String>? = nil) -> OrderFailurePolicy {
        OrderFailurePolicy(rule: .at(step, moment, orders: orders))
    }

    /// Each step of each order fails with `probability`, decided by a generator seeded from
    /// `seed`, the order id and the step: the same seed gives the same failures, whatever
    /// order concurrent sagas run in.
    public static func random(probability: Double, seed: UInt64, _ moment: Moment = .beforeEffect) -> OrderFailurePolicy {
        OrderFailurePolicy(rule: .random(probability: probability, seed: seed, moment: moment))
    }

    /// When `step` of `order` fails, or `nil` if it does not.
    public func failure(order: String, step: OrderStep) -> Moment? {
        switch rule {
        case .never:
            return nil
        case .at(let failing, let moment, let orders):
            guard failing == step, orders?.contains(order) ?? true else { return nil }
            return moment
        case .random(let probability, let seed, let moment):
            var generator = SplitMix64(seed: seed ^ Self.fnv1a("\(order):\(step.rawValue)"))
            return Double.random(in: 0..<1, using: &generator) < probability ? moment : nil
        }
    }

    /// FNV-1a: a stable hash (Swift's `Hasher` is seeded per process).
    static func fnv1a(_ text: String) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01b3
        }
        return hash
    }
}

/// A small seedable generator (SplitMix64), for reproducible failure injection.
public struct SplitMix64: RandomNumberGenerator, Sendable {
    private var state: UInt64

    /// A generator whose sequence is fixed by `seed`.
    public init(seed: UInt64) { state = seed }

    /// The next 64 random bits.
    public mutating func next() -> UInt64 {
        state = state &+ 0x9e37_79b9_7f4a_7c15
        var value = state
        value = (value ^ (value >> 30)) &* 0xbf58_476d_1ce4_e5b9
        value = (value ^ (value >> 27)) &* 0x94d0_49bb_1331_11eb
        return value ^ (value >> 31)
    }
}
