import Foundation
import LockInspector
@testable import LocktopApp
import Testing
import TerminalUI
import TestSupport
import VisibleText

/// The dashboard's rows and detail pane, fed snapshots of random records: whatever the keys
/// and values hold, the screen gets no raw control and no line wider than the terminal.
@Suite struct RowRenderingFuzzTests {
    static let views: [KeyEvent] = (1...5).map { .character(Character(String($0))) }

    @Test func randomSnapshotsRenderCleanlyInEveryView() {
        Fuzzing.run("row renderers", iterations: 60) { generator in
            let records = (0..<Int.random(in: 1...10, using: &generator)).map { _ in RandomKeyRecords.record(using: &generator) }
            let entities = Dictionary(records.map { ($0.key, Recognition.standard.classify($0, now: Fixtures.now)) },
                                      uniquingKeysWith: { first, _ in first })
            let snapshot = Snapshot(takenAt: Fixtures.takenAt, entities: entities, scannedKeys: entities.count)
            let size = [Size(width: 80, height: 24), Size(width: 200, height: 50), Size(width: 20, height: 6)]
                .randomElement(using: &generator) ?? Size(width: 80, height: 24)
            var state = Fixtures.state(size: size, snapshot: snapshot)
            _ = update(&state, .resize(size))
            for view in Self.views {
                Fixtures.press(view, .enter, on: &state)
                let lines = render(state, theme: .default, size: size).lines()
                #expect(lines.allSatisfy { !$0.unicodeScalars.contains(where: VisibleText.mustEscape) }, "\(records)")
                #expect(lines.allSatisfy { DisplayText($0).width <= size.width })
                Fixtures.press(.escape, on: &state)
            }
        }
    }
}
