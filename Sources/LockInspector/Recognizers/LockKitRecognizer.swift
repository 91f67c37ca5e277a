import VisibleText
import Foundation
import LockKit

/// This project's layouts and the guide's own (`KeySchema` and `KeySchema.guide`): locks,
/// queues, fences, 2PC records, sagas, event streams, checkpoints.
public struct LockKitRecognizer: Recognizer {
    public init() {}

    public func recognize(_ record: KeyRecord, now: Date) -> Entity? {
        let name = record.name
        let place = KeySchema.place(of: name)
        // The simulator's shadow keys keep their namespace in the resource, so a shadow queue
        // never counts as waiters of the real lock.
        let resource = place.map { $0.schema.namespace + $0.resource }
        let ttl = LockTTL(pttl: record.pttl)
        switch record.value {
        case .string(let prefix, _):
            if let role = place.flatMap({ Self.auxiliaryRole($0.role) }) { return .auxiliary(key: record.key, role: role, family: .locktop) }
            let lockResource: String
            if let place, let resource, place.role == .lock {
                lockResource = resource
            } else if let bare = Self.guideBareLock(name) {
                lockResource = bare
            } else if LockOwner.lockKitParts(VisibleText.escape(prefix)) != nil {
                // LockKit's token names host and pid: evidence enough under any name.
                lockResource = name
            } else {
                return nil
            }
            guard let (family, owner) = Self.owner(of: prefix) else { return nil }
            return .lock(LockEntity(key: record.key, resource: lockResource, family: family, owners: owner.map { [$0] } ?? [],
                                    ttl: ttl, rawToken: prefix, releaseSignal: Self.releaseSignal(family, owner, inSchema: place != nil)))
        case .zset(let members, let count):
            guard let place, let resource else { return nil }
            if place.role == .queueDeadlines { return .auxiliary(key: record.key, role: "queue deadlines", family: .locktop) }
            if place.role == .readWriteLock || place.role == .semaphore {
                let semaphore = place.role == .semaphore
                // A zset under the name whose members are not ours is another library's (redis-semaphore's `semaphore:<key>`).
                guard let holds = SharedHolds.lockKitMembers(members, keyTTL: ttl, semaphore: semaphore) else { return nil }
                return .lock(LockEntity(key: record.key, resource: resource, family: .locktop, kind: semaphore ? .semaphore : .readWrite,
                                        shared: holds, ttl: ttl, releaseSignal: .keySchema))
            }
            guard place.role == .queue else { return nil }
            let waiters = members.enumerated().map { rank, member in
                Waiter(member: KeyNames.displayToken(member.member), rawMember: member.member, rank: rank, score: member.score)
            }
            let schema = place.schema
            let support = QueueSupportKeys(deadlines: Array(schema.queueDeadlines(place.resource).utf8),
                                           arrivals: Array(schema.queueArrivals(place.resource).utf8))
            return .queue(QueueEntity(key: record.key, resource: resource, family: schema.layout == .hashTagged ? .locktop : .guide,
                                      waiters: waiters, count: count, supportKeys: support))
        case .hash(let fields, _):
            switch place?.role {
            case .transaction: return transaction(record, fields, ttl)
            case .saga: return saga(record, place?.name ?? "saga", fields, ttl)
            default: return nil
            }
        case .stream(let entries, let length):
            guard let place, place.role == .events else { return nil }
            return .stream(StreamEntity(key: record.key, aggregate: place.name, id: place.resource, length: length, latest: entries))
        default:
            return nil
        }
    }

    /// The guide's seed locks named without `lock:` (`coupon:issue:<id>`, `file:processing:<name>`).
    private static func guideBareLock(_ name: String) -> String? {
        for prefix in ["coupon:issue:", "file:processing:"] where name.hasPrefix(prefix) && name.count > prefix.count {
            return name
        }
        return nil
    }

    private static func auxiliaryRole(_ role: KeySchema.Role) -> String? {
        switch role {
        case .fence: "fencing counter"
        case .queueArrivals: "queue arrival counter"
        case .checkpoint: "event checkpoint"
        case .transactionPrepare: "2PC prepare record"
        default: nil
        }
    }

    /// LockKit's locks and the guide's pub/sub locks (a timestamped token) announce releases;
    /// the guide's `locked`/`auto-locked` locks do not.
    private static func releaseSignal(_ family: LockFamily, _ owner: LockOwner?, inSchema: Bool) -> ReleaseSignal {
        if family == .locktop { return inSchema ? .keySchema : .none }
        guard owner != nil else { return .none }
        return inSchema ? .keySchema : .guidePrefix
    }

    /// Which of our token shapes `token` has, and the owner it names.
    static func owner(of token: [UInt8]) -> (LockFamily, LockOwner?)? {
        let text = VisibleText.escape(token)
        let owner = LockOwner(describedBy: text)
        if owner.pid != nil { return (.locktop, owner) }
        if text == "locked" || text == "auto-locked" { return (.guide, nil) }
        if owner.acquiredAt != nil { return (.guide, owner) }
        return nil
    }

    private func transaction(_ record: KeyRecord, _ fields: [HashField], _ ttl: LockTTL) -> Entity? {
        let map = Dictionary(fields.map { ($0.fieldName, $0.text) }, uniquingKeysWith: { first, _ in first })
        guard let state = map["state"] else { return nil }
        let participants = Self.participants(map["participants"] ?? "")
        return .transaction(TransactionEntity(key: record.key, id: KeyNames.tagOrLastPart(record.name), state: state,
                                              participants: participants, deadline: map["deadline"].flatMap(Self.date),
                                              updatedAt: map["updatedAt"].flatMap(Self.date), ttl: ttl))
    }

    private func saga(_ record: KeyRecord, _ name: String, _ fields: [HashField], _ ttl: LockTTL) -> Entity? {
        guard let status = fields.first(where: { $0.fieldName == "status" })?.text else { return nil }
        let steps = SagaSteps.read(fields.filter { !["status", "owner", "updatedAt", "createdAt"].contains($0.fieldName) })
        return .saga(SagaEntity(key: record.key, name: name, id: KeyNames.tagOrLastPart(record.name), status: status,
                                steps: steps, updatedAt: fields.first { $0.fieldName == "updatedAt" }.flatMap { Self.date($0.text) }, ttl: ttl))
    }

    /// LockKit stores a JSON list of descriptors (`[{"kind":..., "parameters": {...}}]`); the
    /// guide and others a comma-separated list. Each becomes one readable line.
    /// `text` is visible text (`HashField.text`); the JSON is parsed from the bytes behind it,
    /// and what it yields is made visible again.
    static func participants(_ text: String) -> [String] {
        if text.hasPrefix("["), let raw = VisibleText.bytes(of: text),
           let list = try? JSONSerialization.jsonObject(with: Data(raw)) as? [Any] {
            return list.map { item in
                guard let object = item as? [String: Any] else { return VisibleText.escape("\(item)") }
                let kind = object["kind"] as? String ?? "participant"
                let parameters = (object["parameters"] as? [String: Any] ?? [:]).sorted { $0.key < $1.key }
                return VisibleText.escape(kind + (parameters.isEmpty ? "" : " " + parameters.map { "\($0.key)=\($0.value)" }.joined(separator: " ")))
            }
        }
        return text.split(separator: ",").map { String($0) }
    }

    /// Milliseconds since the epoch, as the transaction patterns store times.
    static func date(_ text: String) -> Date? {
        guard let millis = Double(text) else { return nil }
        return Date(timeIntervalSince1970: millis / 1000)
    }
}
