import Foundation
import LockKit

/// BullMQ's job locks: `bull:<queue>:<jobId>:lock` holding `<worker-uuid>:<n>`, PX 30 s
/// renewed by the worker. The worker UUID is the only identity BullMQ records, so it stands
/// in for the host.
public struct BullMQRecognizer: Recognizer {
    public init() {}

    public func recognize(_ record: KeyRecord, now: Date) -> Entity? {
        let name = record.name
        guard name.hasPrefix("bull:"), name.hasSuffix(":lock"), let token = TokenShape.whole(record.value),
              let worker = Self.worker(of: token) else { return nil }
        let job = name.dropFirst(5).dropLast(5)
        guard !job.isEmpty else { return nil }
        return .lock(LockEntity(key: record.key, resource: String(job), family: .bullmq,
                                owners: [LockOwner(token: KeyNames.displayToken(token), host: worker)],
                                ttl: LockTTL(pttl: record.pttl), rawToken: token))
    }

    /// The worker UUID of a `<uuid>:<n>` token.
    static func worker(of token: [UInt8]) -> String? {
        guard token.count > 37, token.count <= 36 + 1 + 20, TokenShape.isUUID(token[0..<36]),
              token[36] == UInt8(ascii: ":"), TokenShape.isDecimal(token[37...]) else { return nil }
        return String(decoding: token[0..<36], as: UTF8.self)
    }
}
