import VisibleText
import Foundation
import LockKit

/// This project's layouts and the guide's own (`KeySchema` and `KeySchema.guide`): locks,
/// queues, fences, 2PC records, sagas, event streams, checkpoints.
public struct LockKitRecognizer: Recognizer {
    public init() {}

    public func recognize(_ record: KeyRecord, now: Date) -> Entity? {
        // The simulator's shadow keys mirror the real layout under a namespace; their resources
        // keep the namespace, so a shadow queue never counts as waiters of the real lock.
        let namespace = record.name.hasPrefix(KeySchema.simulation.namespace) ? KeySchema.simulation.namespace : ""
        let name = String(record.name.dropFirst(namespace.count))
        let ttl = LockTTL(pttl: record.pttl)
        switch record.value {
        case .string(let prefix, _):
            if let role = auxiliaryRole(name) { return .auxiliary(key: record.key, role: role, family: .locktop) }
            guard let resource = KeyNames.resource(of: name, after: "lock:")
                ?? KeyNames.resource(of: name, after: "coupon:issue:").map({ "coupon:issue:" + $0 })
                ?? KeyNames.resource(of: name, after: "file:processing:").map({ "file:processing:" + $0 }) else { return nil }
            guard let (family, owner) = Self.owner(of: prefix) else { return nil }
            return .lock(LockEntity(key: record.key, resource: namespace + resource, family: family, owners: owner.map { [$0] } ?? [],
                                    ttl: ttl, rawToken: prefix))
        case .zset(let members, let count):
            guard let resource = KeyNames.resource(of: name, after: "lock:queue:") else { return nil }
            if resource.hasPrefix("deadlines:") || name.hasPrefix("lock:queue:deadlines:") {
                return .auxiliary(key: record.key, role: "queue deadlines", family: .locktop)
            }
            let waiters = members.enumerated().map { rank, member in
                Waiter(member: KeyNames.displayToken(member.member), rawMember: member.member, rank: rank, score: member.score)
            }
            return .queue(QueueEntity(key: record.key, resource: namespace + (resource.hasPrefix("lock:") ? String(resource.dropFirst(5)) : resource),
                                      family: name.contains("{") ? .locktop : .guide, waiters: waiters, count: count))
        case .hash(let fields, _):
            if name.hasPrefix("tx:") && !name.contains(":prepare") { return transaction(record, fields, ttl) }
            if name.hasPrefix("saga:") { return saga(record, fields, ttl) }
            return nil
        case .stream(let entries, let length):
            guard name.hasPrefix("events:") else { return nil }
            let parts = name.split(separator: ":", maxSplits: 2)
            let aggregate = parts.count > 1 ? String(parts[1]) : ""
            return .stream(StreamEntity(key: record.key, aggregate: aggregate, id: KeyNames.tagOrLastPart(name),
                                        length: length, latest: entries))
        default:
            return nil
        }
    }

    private func auxiliaryRole(_ name: String) -> String? {
        if name.hasPrefix("lock:fence:") { return "fencing counter" }
        if name.hasPrefix("lock:queue:arrivals:") { return "queue arrival counter" }
        if name.hasPrefix("checkpoint:") { return "event checkpoint" }
        if name.hasPrefix("tx:") && name.contains("prepare") { return "2PC prepare record" }
        return nil
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

    private func saga(_ record: KeyRecord, _ fields: [HashField], _ ttl: LockTTL) -> Entity? {
        guard let status = fields.first(where: { $0.fieldName == "status" })?.text else { return nil }
        let parts = record.name.split(separator: ":", maxSplits: 2)
        let name = parts.count > 1 ? String(parts[1]) : "saga"
        let steps = fields.filter { !["status", "owner", "updatedAt", "createdAt"].contains($0.fieldName) }.map { ($0.fieldName, $0.text) }
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
