import Foundation
import LockInspector
import Testing
@testable import LocktopApp
import TerminalUI

/// The first scan's snapshots of what it found so far leave its progress bar running.
@Suite struct StreamingFirstScanTests {
    @Test func aPartialSnapshotKeepsTheScanBarUntilTheScanReportsItsEnd() {
        var state = Fixtures.state()
        _ = update(&state, .feed(.progress(ScanProgressFixture.small)))
        _ = update(&state, .feed(.snapshot(Fixtures.snapshot(locks: [Fixtures.lock("lock:{a}", resource: "a")]))))
        #expect(state.scanProgress != nil)
        let status = render(state, theme: .default, size: Size(width: 140, height: 20)).lines().last ?? ""
        #expect(status.contains("scan █████░░░░░ 500/1.0k"), "\(status)")
        _ = update(&state, .feed(.progress(ScanProgressFixture.done)))
        #expect(state.scanProgress == nil)
    }

    @Test func aLostConnectionEndsTheBar() {
        var state = Fixtures.state()
        _ = update(&state, .feed(.progress(ScanProgressFixture.small)))
        _ = update(&state, .feed(.connection(.reconnecting(attempt: 1, reason: "refused"))))
        #expect(state.scanProgress == nil)
    }
}
