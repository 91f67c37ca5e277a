import Foundation
import Testing
import TerminalUI

/// Compares a frame's text with `Snapshots/<name>.txt`. A missing file, or
/// LOCKTOP_RECORD_SNAPSHOTS=1, writes it and records an issue asking for a review.
func assertTextSnapshot(_ frame: Frame, named name: String, sourceLocation: SourceLocation = #_sourceLocation) {
    let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Snapshots")
    let file = directory.appendingPathComponent("\(name).txt")
    let actual = frame.lines(trimmed: true).joined(separator: "\n") + "\n"
    let recording = ProcessInfo.processInfo.environment["LOCKTOP_RECORD_SNAPSHOTS"] == "1"
    guard !recording, let expected = try? String(contentsOf: file, encoding: .utf8) else {
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            try actual.write(to: file, atomically: true, encoding: .utf8)
            Issue.record("recorded snapshot \(file.path): review it, then run the tests again", sourceLocation: sourceLocation)
        } catch {
            Issue.record("could not write snapshot \(file.path): \(error)", sourceLocation: sourceLocation)
        }
        return
    }
    guard expected != actual else { return }
    let expectedLines = expected.split(separator: "\n", omittingEmptySubsequences: false)
    let actualLines = actual.split(separator: "\n", omittingEmptySubsequences: false)
    let differing = (0..<max(expectedLines.count, actualLines.count)).first { index in
        index >= expectedLines.count || index >= actualLines.count || expectedLines[index] != actualLines[index]
    } ?? 0
    let want = differing < expectedLines.count ? String(expectedLines[differing]) : "<none>"
    let got = differing < actualLines.count ? String(actualLines[differing]) : "<none>"
    Issue.record("""
        snapshot \(name) differs at line \(differing + 1) (LOCKTOP_RECORD_SNAPSHOTS=1 re-records):
          expected: \(want)
          actual:   \(got)
        """, sourceLocation: sourceLocation)
}
