import Foundation
import LockInspector
import LockKit
import Testing
import TestSupport
import VisibleText

/// Everything that reads Redis data, fed random records: it never crashes, never lets a raw
/// control through, and its JSON always parses and gives the key bytes back.
@Suite struct ReadingFuzzTests {
    static let now = Date(timeIntervalSince1970: 1_700_000_100)

    /// A C0 or C1 control or DEL, which a terminal would act on.
    static func isRaw(_ scalar: Unicode.Scalar) -> Bool { VisibleText.mustEscape(scalar) }

    static func clean(_ text: String) -> Bool { !text.unicodeScalars.contains(where: isRaw) }

    @Test func recognisersClassifyAnyRecordIntoCleanText() {
        Fuzzing.run("recognisers") { generator in
            let record = RandomKeyRecords.record(using: &generator)
            let entity = Recognition.standard.classify(record, now: Self.now)
            #expect(entity.displayedTexts.allSatisfy(Self.clean), "\(record)")
        }
    }

    @Test func tokenParsersAcceptAnyBytes() {
        Fuzzing.run("token parsers") { generator in
            let token = VisibleText.escape(RandomKeyRecords.text(using: &generator))
            let owner = LockOwner(describedBy: token)
            #expect(Self.clean(owner.token) && Self.clean(owner.host ?? "") && Self.clean(owner.thread ?? ""))
            _ = OwnerToken(value: token).parts
        }
    }

    @Test func reportsOfRandomSnapshotsAreCleanJSONAndTablesThatGiveKeysBack() throws {
        try Fuzzing.run("json writer and table", iterations: 200) { generator in
            let records = (0..<Int.random(in: 1...12, using: &generator)).map { _ in RandomKeyRecords.record(using: &generator) }
            let entities = Dictionary(records.map { ($0.key, Recognition.standard.classify($0, now: Self.now)) }, uniquingKeysWith: { first, _ in first })
            let snapshot = Snapshot(takenAt: Self.now, entities: entities, scannedKeys: entities.count)
            let anomalies = AnomalyRules.evaluate(snapshot, now: Self.now)
            let json = try SnapshotReport(snapshot, endpoint: "fuzz", anomalies: anomalies).json()
            #expect(Self.clean(json.replacingOccurrences(of: "\n", with: "")))
            let parsed = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
            let listed = ((parsed["locks"] as? [[String: Any]]) ?? []).compactMap { $0["key"] as? String } + ((parsed["unknown"] as? [String]) ?? [])
            for key in listed { #expect(VisibleText.bytes(of: key).map { entities[$0] != nil } == true, "\(key)") }
            let table = SnapshotTable.render(snapshot, anomalies: anomalies, now: Self.now)
            #expect(Self.clean(table.replacingOccurrences(of: "\n", with: "")))
        }
    }
}

extension Entity {
    /// Every text the entity carries that some output shows.
    var displayedTexts: [String] {
        switch self {
        case .lock(let lock): [lock.resource] + lock.owners.flatMap { [$0.token, $0.host ?? "", $0.thread ?? ""] }
        case .queue(let queue): [queue.resource] + queue.waiters.map(\.member)
        case .saga(let saga): [saga.name, saga.id, saga.status] + saga.steps.flatMap { [$0.name, $0.state] }
        case .transaction(let transaction): [transaction.id, transaction.state] + transaction.participants
        case .stream(let stream): [stream.aggregate, stream.id] + stream.latest.flatMap { [$0.id] + $0.fields.flatMap { [$0.fieldName, $0.text] } }
        case .auxiliary(_, let role, _): [role]
        case .unknown: []
        }
    }
}
