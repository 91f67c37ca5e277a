/// A SCAN pass run as two chains of calls, so that the server always has the next call
/// queued: while it computes one half's page, the reply of the other half's page is on its
/// way to the client and that half's next call on its way back.
///
/// Redis walks its hash table in reverse-binary cursor order, so the cursor's lowest bit
/// splits the table in two ranges, each visited as one stretch of the walk: the even half
/// starts at cursor 0 and is done when a reply's cursor is odd (or 0), the odd half starts
/// at cursor 1 and is done at cursor 0. Every bucket lies in one half whatever the table's
/// size, so the two halves give SCAN's guarantee together. Only a standalone Redis whose
/// keyspace is known to keep that cursor may be split; see `ScanSplitSupport`.
///
/// The two halves overlap in one place: the even half's last call does not stop at the
/// boundary but goes on until it has COUNT keys, into the first buckets of the odd half.
/// Those keys are the first the odd half returns, so the pass records the keys of the even
/// half's last page and the odd half's first ones, and `duplicates` counts the keys both
/// returned; a caller that counts returned keys subtracts it.
struct ScanHalves {
    enum Chain: Hashable {
        /// The pass is not split: one chain from cursor 0 to 0.
        case whole
        case even
        case odd
    }

    /// The chains of a pass and their first cursors.
    let starts: [(chain: Chain, cursor: [UInt8])]
    /// How many keys of the odd half's beginning are recorded: more than the even half's
    /// last page can hold (COUNT plus a bucket's worth).
    private let headLength: Int
    private var oddReturned = 0
    private var oddHead: [[UInt8]] = []
    private var evenTail: [[UInt8]] = []

    init(split: Bool, maximumCount: Int) {
        starts = split ? [(.even, Array("0".utf8)), (.odd, Array("1".utf8))] : [(.whole, Array("0".utf8))]
        headLength = 2 * maximumCount + 1000
    }

    /// Whether `chain` goes on after a reply whose cursor is `cursor`.
    static func continues(_ chain: Chain, after cursor: [UInt8]) -> Bool {
        guard cursor != Array("0".utf8) else { return false }
        return chain != .even || isEven(cursor)
    }

    /// For a reply of `chain`: whether to record every key of it, decided when its cursor
    /// arrives. The rule holds no reference to the recorded keys (they grow after it is made).
    func recordingRule(for chain: Chain) -> ([UInt8]) -> Bool {
        switch chain {
        case .whole:
            return { _ in false }
        case .even:
            return { cursor in !Self.continues(.even, after: cursor) }
        case .odd:
            let inHead = oddReturned < headLength
            return { _ in inHead }
        }
    }

    /// Notes a page: how many keys it returned, and every key if they were recorded.
    mutating func record(_ chain: Chain, returned: Int, everyKey: [[UInt8]]) {
        switch chain {
        case .whole: break
        case .even: evenTail += everyKey
        case .odd:
            oddHead += everyKey
            oddReturned += returned
        }
    }

    /// Keys returned by both halves (the even half's overshoot into the odd half).
    var duplicates: Int {
        guard !evenTail.isEmpty, !oddHead.isEmpty else { return 0 }
        return Set(oddHead).intersection(evenTail).count
    }

    /// A decimal cursor is even when its last digit is (the ASCII codes of digits have the
    /// digits' parity).
    private static func isEven(_ cursor: [UInt8]) -> Bool {
        (cursor.last ?? 0) & 1 == 0
    }
}
