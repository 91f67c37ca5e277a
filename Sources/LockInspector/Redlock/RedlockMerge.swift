import Foundation

/// Puts the snapshots of N independent servers side by side, one row per lock key.
public enum RedlockMerge {
    /// Every lock key seen on any server, sorted by key; a nil snapshot is a server that could not be read.
    public static func locks(_ snapshots: [Snapshot?]) -> [RedlockLock] {
        var byKey: [[UInt8]: [LockEntity?]] = [:]
        for (index, snapshot) in snapshots.enumerated() {
            for lock in snapshot?.locks ?? [] {
                byKey[lock.key, default: Array(repeating: nil, count: snapshots.count)][index] = lock
            }
        }
        let readable = snapshots.map { $0 != nil }
        return byKey.map { key, perServer in
            RedlockLock(key: key, resource: perServer.compactMap { $0?.resource }.first ?? "", perServer: perServer, readable: readable)
        }.sorted { KeyOrder.precedes($0.key, $1.key) }
    }

    /// A minority holder (warning) and a split between tokens (critical); a held or free key is fine.
    public static func anomalies(_ locks: [RedlockLock]) -> [Anomaly] {
        locks.compactMap { lock in
            switch lock.state {
            case .free, .quorum:
                return nil
            case .minority(_, let servers):
                return Anomaly(key: lock.key, kind: .redlockMinority, severity: .warning,
                               message: "held on \(servers) of \(lock.perServer.count) servers, short of the quorum of \(lock.quorum): nobody holds this lock")
            case .split(let counts):
                return Anomaly(key: lock.key, kind: .redlockMinority, severity: .critical,
                               message: "\(counts.count) owners each hold some servers (\(counts.map(String.init).joined(separator: " + ")) of \(lock.perServer.count)), none a quorum of \(lock.quorum)")
            }
        }
    }
}
