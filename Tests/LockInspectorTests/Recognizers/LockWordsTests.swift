@testable import LockInspector
import Testing

@Suite struct LockWordsTests {
    @Test(arguments: ["orders:lock", "lock:x", "redlock:x", "report-LOCK", "jobLock", "filelock", "mutex:7", "semaphore:uploads",
                      "leader:scheduler", "lease/worker-1", "app:latch", "lock_payments", "deadlock-guard"])
    func lockNamesSayLock(_ name: String) {
        #expect(LockWords.nameSaysLock(Array(name.utf8)))
    }

    @Test(arguments: ["block:7", "clock:skew", "app:releases:12", "leaderboard:daily", "please", "session:9f3", "orders:42",
                      "cache:blocklist", "BLOCK", "loc"])
    func everydayWordsThatContainOneDoNot(_ name: String) {
        #expect(!LockWords.nameSaysLock(Array(name.utf8)))
    }
}
