import Foundation
import LockKit

extension AnomalyRules {
    /// A read-write lock's or semaphore's own rules: a holder without TTL (critical), more
    /// permits held than the limit, a writer waiting too long.
    static func sharedLockFindings(_ lock: LockEntity, _ now: Date, _ thresholds: AnomalyThresholds) -> [Finding] {
        guard let holds = lock.shared else { return [] }
        var findings: [Finding] = []
        if let stuck = holds.holders.first(where: { $0.ttl == .noExpiry }) {
            findings.append(Finding(kind: .holderWithoutTTL, severity: .critical, figures: .holderWithoutTTL(holder: stuck.owner.token)))
        }
        if let permits = holds.permits, holds.holders.count > permits {
            findings.append(Finding(kind: .permitsOverLimit, severity: .warning,
                                    figures: .permitsOverLimit(used: holds.holders.count, permits: permits)))
        }
        let limit = thresholds.writerWaitingLongerThan.secondsValue
        let longest = holds.waitingWriters.compactMap { writer in writer.owner.acquiredAt.map { (writer, now.timeIntervalSince($0)) } }
            .max { $0.1 < $1.1 }
        if let (writer, waited) = longest, waited > limit {
            findings.append(Finding(kind: .writerWaiting, severity: .warning,
                                    figures: .writerWaiting(writer: writer.owner.token, waited: waited)))
        }
        return findings
    }
}
