import Foundation
import LockInspector
import LockKit
import Testing
@testable import LocktopApp
import TerminalUI

@Suite struct SnapshotFileTests {
    private func temporaryDirectory() -> URL {
        FileManager.default.temporaryDirectory.appendingPathComponent("locktop-snapshots-\(UUID().uuidString.prefix(8))")
    }

    /// Every kind of entity, a binary key, whole-second times (the JSON keeps seconds).
    private var snapshot: Snapshot {
        let binary = Fixtures.lock(bytes: Array("lock:\u{1B}[2J".utf8) + [0xFF, 0x0A], resource: "bin")
        let locks = Fixtures.locks + [binary]
        return Fixtures.snapshot(locks: locks.map { lock in
            var lock = lock
            if let owner = lock.firstOwner, let at = owner.acquiredAt {
                lock = LockEntity(key: lock.key, resource: lock.resource, family: lock.family, kind: lock.kind,
                                  owners: [LockOwner(token: owner.token, host: owner.host, pid: owner.pid, thread: owner.thread,
                                                     acquiredAt: Date(timeIntervalSince1970: at.timeIntervalSince1970.rounded(.down)))],
                                  ttl: lock.ttl, rawToken: lock.rawToken)
            }
            return lock
        })
    }

    @Test func wAsksToWriteTheSnapshotShownAndPausedItIsTheFrozenOne() {
        var state = Fixtures.state()
        let effects = Fixtures.press(.character("w"), on: &state)
        #expect(effects == [.writeSnapshot(SnapshotExport(snapshot: state.snapshot, events: state.events, endpoint: "redis://127.0.0.1:6379",
                                                          shownAt: Fixtures.now))])
        Fixtures.press(.character(" "), on: &state)
        _ = update(&state, .tick(Fixtures.now.addingTimeInterval(30)))
        guard case .writeSnapshot(let export)? = Fixtures.press(.character("w"), on: &state).first else {
            Issue.record("no snapshot asked for")
            return
        }
        #expect(export.shownAt == Fixtures.now)
    }

    @Test func theRuntimesAnswerNamesTheFileInTheStatusLine() {
        var state = Fixtures.state()
        _ = update(&state, .notice("snapshot written: /tmp/x/locktop-20231114-221500.json (and .txt)"))
        #expect(render(state, theme: .default, size: Size(width: 100, height: 20)).lines().joined().contains("locktop-20231114-221500.json"))
    }

    @Test func writesJSONAndATableAndNeverOverwrites() throws {
        let directory = temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let export = SnapshotExport(snapshot: snapshot, events: Fixtures.events, endpoint: "redis://127.0.0.1:6379", shownAt: Fixtures.now)
        let first = try SnapshotWriter.write(export, server: nil, to: directory)
        let second = try SnapshotWriter.write(export, server: nil, to: directory)
        #expect(first.lastPathComponent == "locktop-20231114-221500.json")
        #expect(second.lastPathComponent == "locktop-20231114-221500-2.json")
        let table = try String(contentsOf: first.deletingPathExtension().appendingPathExtension("txt"), encoding: .utf8)
        #expect(table.contains("lock:{coupon:123}"))
        #expect(table.contains("4 live event(s), newest first:"))
        #expect(!table.contains("\u{1B}"), "the binary key is escaped in the table")
    }

    @Test func replayReadsBackTheSameReport() throws {
        let directory = temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let original = snapshot
        let file = try SnapshotWriter.write(SnapshotExport(snapshot: original, events: [], endpoint: "e", shownAt: Fixtures.now), server: nil,
                                            to: directory)
        let saved = try SavedSnapshot.read(file.path)
        #expect(saved.endpoint == "e")
        #expect(saved.snapshot.locks.map(\.key) == original.locks.map(\.key))
        let anomalies = AnomalyRules.evaluate(original, now: Fixtures.now)
        #expect(try SnapshotReport(saved.snapshot, endpoint: "e", anomalies: anomalies).json()
                == SnapshotReport(original, endpoint: "e", anomalies: anomalies).json())
    }

    @Test func aFileThatIsNotASnapshotSaysWhatIsWrong() {
        #expect(throws: SavedSnapshot.Failure.self) { try SavedSnapshot.decode(Data("{}".utf8), named: "x.json") }
        do {
            _ = try SavedSnapshot.decode(Data(#"{"locks": 3}"#.utf8), named: "x.json")
        } catch {
            #expect(error.description.hasPrefix("x.json is not a locktop snapshot"))
        }
    }

    @Test func aReplayShowsItsFileAndTheMomentTakenAndNeverChanges() {
        var state = Fixtures.state()
        state.session.replayFile = "locktop-20231114-221500.json"
        state.session.readOnly = true
        _ = update(&state, .tick(Fixtures.now.addingTimeInterval(3600)))
        #expect(state.shownNow == Fixtures.takenAt)
        let status = render(state, theme: .default, size: Size(width: 140, height: 20)).lines().last ?? ""
        #expect(status.contains("REPLAY locktop-20231114-221500.json"))
        #expect(status.contains("taken 2023-11-14 22:14:58"))
        #expect(!status.contains("connected"))
        Fixtures.press(.character(" "), on: &state)
        #expect(state.pause == nil)
        #expect(state.statusMessage == "replay: the saved snapshot never changes")
    }

    @Test func theDefaultDirectoryFollowsXDGStateHome() {
        #expect(SnapshotWriter.defaultDirectory(environment: ["XDG_STATE_HOME": "/s", "HOME": "/h"]).path == "/s/locktop")
        #expect(SnapshotWriter.defaultDirectory(environment: ["HOME": "/h"]).path == "/h/.local/state/locktop")
        #expect(SnapshotWriter.defaultDirectory(environment: ["XDG_STATE_HOME": "relative", "HOME": "/h"]).path == "/h/.local/state/locktop")
    }
}
