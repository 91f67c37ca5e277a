import Foundation
import LockKit

/// Classifies one key from its name, type and capped value. Pure: no I/O.
public protocol Recognizer: Sendable {
    /// The entity, or `nil` if this family does not claim the key.
    func recognize(_ record: KeyRecord, now: Date) -> Entity?
}

/// The recognisers in the order they are asked; the first claim wins.
public struct Recognition: Sendable {
    public let recognizers: [any Recognizer]

    public init(recognizers: [any Recognizer]) { self.recognizers = recognizers }

    /// Classifies `record`; a key nobody claims becomes `.unknown`, never dropped.
    public func classify(_ record: KeyRecord, now: Date) -> Entity {
        for recognizer in recognizers {
            if let entity = recognizer.recognize(record, now: now) { return entity }
        }
        return .unknown(key: record.key, type: record.type, ttl: LockTTL(pttl: record.pttl))
    }
}
