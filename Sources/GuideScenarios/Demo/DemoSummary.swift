import Foundation

/// What `locktop demo --headless` prints: the scenarios' progress and the consistency checks.
public struct DemoSummary: Sendable, Encodable {
    /// A check that what the scenarios left in Redis adds up.
    struct Consistency: Sendable, Encodable {
        var checked: String
        var mismatches: [String]
        var holds: Bool { mismatches.isEmpty }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(checked, forKey: .checked)
            try container.encode(mismatches, forKey: .mismatches)
            try container.encode(holds, forKey: .holds)
        }

        private enum CodingKeys: String, CodingKey { case checked, mismatches, holds }
    }

    var tally: DemoTally
    var shop: Consistency
    var bank: Consistency

    /// Every scenario made progress, and nothing that must stay zero moved.
    var allScenariosProgressed: Bool {
        tally.couponRounds > 0 && tally.filesProcessed > 0 && !tally.priorityAcquisitions.isEmpty
            && tally.ordersCompleted + tally.ordersCompensated > 0 && tally.transfersCommitted + tally.transfersAborted > 0
    }

    /// Every scenario made progress and every consistency check holds.
    public var isHealthy: Bool {
        allScenariosProgressed && shop.holds && bank.holds && tally.couponRoundsInexact == 0 && tally.filesNotHeldThroughout == 0
    }

    /// The summary for people, one line per scenario.
    public var text: String {
        let priorities = tally.priorityAcquisitions.sorted { (Int($0.key) ?? 0) < (Int($1.key) ?? 0) }
            .map { "p\($0.key): \($0.value)" }.joined(separator: ", ")
        var lines = [
            "coupon issuance   \(tally.couponRounds) rounds, \(tally.couponsIssued) coupons issued, \(tally.couponRoundsInexact) rounds over-issued",
            "file processing   \(tally.filesProcessed) files, \(tally.filesNotHeldThroughout) lost their lock mid-job",
            "priority workers  acquisitions \(priorities.isEmpty ? "none" : priorities)",
            "order sagas       \(tally.ordersCompleted) completed, \(tally.ordersCompensated) failed and compensated; \(Self.describe(shop))",
            "2pc transfers     \(tally.transfersCommitted) committed, \(tally.transfersAborted) aborted; \(Self.describe(bank))",
        ]
        for (scenario, count) in tally.errors.sorted(by: { $0.key < $1.key }) {
            lines.append("errors in \(scenario): \(count) (last: \(tally.lastErrors[scenario] ?? "?"))")
        }
        lines.append(isHealthy ? "demo: every scenario made progress and everything adds up"
                               : "demo: PROBLEM: a scenario made no progress or something does not add up")
        return lines.joined(separator: "\n")
    }

    private static func describe(_ consistency: Consistency) -> String {
        consistency.holds ? "\(consistency.checked) add up" : "MISMATCH: " + consistency.mismatches.joined(separator: "; ")
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(tally, forKey: .tally)
        try container.encode(shop, forKey: .shop)
        try container.encode(bank, forKey: .bank)
        try container.encode(allScenariosProgressed, forKey: .allScenariosProgressed)
        try container.encode(isHealthy, forKey: .healthy)
    }

    private enum CodingKeys: String, CodingKey { case tally, shop, bank, allScenariosProgressed, healthy }

    /// The summary as pretty-printed JSON with sorted keys, for scripts.
    public func json() throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted]
        return String(decoding: try encoder.encode(self), as: UTF8.self)
    }
}
