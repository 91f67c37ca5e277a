/// Colour-pair numbers for (foreground, background) index pairs, allocated once each.
///
/// curses draws colours through numbered pairs that must be set up with `init_pair` before
/// use, and a terminal has a limited number of them. Pair 0 is the default pair; when the
/// pairs run out, further combinations fall back to it rather than recycling a pair that
/// cells on screen still use.
struct ColorPairs {
    struct Allocation: Equatable {
        var number: Int
        /// True when the caller must set this pair up (`init_pair`) before using it.
        var isNew: Bool
    }

    private let capacity: Int
    private var numbers: [Pair: Int] = [:]

    private struct Pair: Hashable {
        var foreground: Int
        var background: Int
    }

    /// A cache for a terminal offering `capacity` pairs (numbers 1..<capacity are handed out).
    init(capacity: Int) {
        self.capacity = max(1, capacity)
    }

    /// The pair for these palette indices (-1 is the terminal's default colour).
    mutating func pair(foreground: Int, background: Int) -> Allocation {
        if foreground == -1 && background == -1 { return Allocation(number: 0, isNew: false) }
        let key = Pair(foreground: foreground, background: background)
        if let number = numbers[key] { return Allocation(number: number, isNew: false) }
        let next = numbers.count + 1
        guard next < capacity else { return Allocation(number: 0, isNew: false) }
        numbers[key] = next
        return Allocation(number: next, isNew: true)
    }

    /// Forgets every pair (after the terminal's colours were reset).
    mutating func reset() {
        numbers = [:]
    }
}
