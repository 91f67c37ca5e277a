@testable import LockInspector

enum ScanProgressFixture {
    static let halfway = ScanProgress(scannedKeys: 5_000_000, totalKeys: 10_000_000, matchedKeys: 10_000, finished: false)
    static let small = ScanProgress(scannedKeys: 500, totalKeys: 1000, matchedKeys: 40, finished: false)
    static let done = ScanProgress(scannedKeys: 1000, totalKeys: 1000, matchedKeys: 80, finished: true)
}
