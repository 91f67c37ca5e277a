@testable import LockInspector

enum ScanProgressFixture {
    static let halfway = ScanProgress(scannedKeys: 5_000_000, totalKeys: 10_000_000, matchedKeys: 10_000, finished: false)
}
