import Foundation
import LockKit

/// Keys of one inferred pattern that were found to be the same thing: locks of one family,
/// a queue layout, sagas, ... with what the finding rests on.
public struct DiscoveryGroup: Sendable, Hashable {
    /// A glob that matches the group's keys (`orders:*`).
    public var pattern: String
    /// `locks`, `queues`, `sagas`, `transactions`, `streams`, or an auxiliary key's role.
    public var what: String
    /// The family (`redisson`, `token:32hex`, ...); `unknown` for keys nobody claims.
    public var family: LockFamily
    public var count: Int
    /// Shortest and longest TTL seen, in seconds; nil when none of the keys expires.
    public var ttlRange: ClosedRange<Double>?
    /// Keys without a TTL.
    public var withoutTTL: Int
    /// `lock` or `possible` (see `LockConfidence`); `lock` for what is not a lock candidate.
    public var confidence: LockConfidence
    /// Why, in a few words.
    public var evidence: String

    /// Locks whose TTL never exceeds this look like locks even when only their token's shape
    /// says so: lock TTLs are seconds to a few minutes, sessions' and caches' far longer.
    public static let lockLikeTTL: Double = 300

    public init(pattern: String, what: String, family: LockFamily, count: Int, ttlRange: ClosedRange<Double>?,
                withoutTTL: Int, confidence: LockConfidence, evidence: String) {
        self.pattern = pattern
        self.what = what
        self.family = family
        self.count = count
        self.ttlRange = ttlRange
        self.withoutTTL = withoutTTL
        self.confidence = confidence
        self.evidence = evidence
    }

    /// The groups `entities` (one pattern's classified keys) make.
    static func groups(pattern: String, entities: [Entity]) -> [DiscoveryGroup] {
        var byKind: [String: (family: LockFamily, items: [Entity])] = [:]
        for entity in entities {
            let (what, family) = describe(entity)
            byKind["\(what)\u{0}\(family.rawValue)", default: (family, [])].items.append(entity)
        }
        return byKind.map { name, value in
            let what = String(name.split(separator: "\u{0}", omittingEmptySubsequences: false).first ?? "")
            return group(pattern: pattern, what: what, family: value.family, entities: value.items)
        }
    }

    private static func describe(_ entity: Entity) -> (String, LockFamily) {
        switch entity {
        case .lock(let lock): ("locks", lock.family)
        case .queue(let queue): ("queues", queue.family)
        case .saga: ("sagas", .locktop)
        case .transaction: ("transactions", .locktop)
        case .stream: ("streams", .locktop)
        case .auxiliary(_, let role, let family): (role, family)
        case .unknown: ("other keys", .unknown)
        }
    }

    private static func group(pattern: String, what: String, family: LockFamily, entities: [Entity]) -> DiscoveryGroup {
        var ttls: [Double] = []
        var without = 0
        var named = true
        for entity in entities {
            if case .lock(let lock) = entity {
                if lock.confidence == .possible { named = false }
                switch lock.ttl {
                case .remaining(let left): ttls.append(left.secondsValue)
                case .noExpiry: without += 1
                case .missing: break
                }
            }
        }
        let range = ttls.min().flatMap { low in ttls.max().map { low...$0 } }
        var confidence = LockConfidence.lock
        var evidence = family == .unknown ? "no recogniser claims them" : "\(family.rawValue) layout"
        if what == "locks", family.isShape {
            if named {
                evidence = "token shape (\(family.rawValue)), and the names say lock"
            } else if let range, without == 0, range.upperBound <= lockLikeTTL {
                evidence = "token shape (\(family.rawValue)), TTLs of seconds to minutes as locks have"
            } else {
                confidence = .possible
                evidence = "token shape (\(family.rawValue)) only; TTLs up to \(Self.seconds(range?.upperBound ?? 0)): session ids and cache tokens look alike"
            }
        }
        return DiscoveryGroup(pattern: pattern, what: what, family: family, count: entities.count, ttlRange: range,
                              withoutTTL: without, confidence: confidence, evidence: evidence)
    }

    /// `45 s`, `30 min`, `2 h`, `3 d`.
    static func seconds(_ value: Double) -> String {
        switch value {
        case ..<120: "\(Int(value.rounded())) s"
        case ..<7200: "\(Int((value / 60).rounded())) min"
        case ..<172_800: "\(Int((value / 3600).rounded())) h"
        default: "\(Int((value / 86_400).rounded())) d"
        }
    }
}
