import Foundation
import LockInspector
import LockKit

/// Snapshots built in memory, for benchmarks that measure the dashboard without a server.
enum BenchSnapshot {
    /// `count` LockKit locks on distinct resources, with readable owners and TTLs spread over ten minutes.
    static func locks(_ count: Int, now: Date = Date()) -> Snapshot {
        var entities: [Entity] = []
        entities.reserveCapacity(count)
        for index in 0..<count {
            let resource = "order:\(index)"
            let key = Array("lock:{\(resource)}".utf8)
            // LockKit's token shape, `<unix-ms>-<host>-<pid>-<8 hex>`, naming the owner to the millisecond.
            let millis = Int64(now.timeIntervalSince1970 * 1000) - Int64(index % 600) * 1000
            let acquired = Date(timeIntervalSince1970: Double(millis) / 1000)
            let host = "worker-\(index % 97)"
            let pid = Int32(1000 + index % 5000)
            let token = "\(millis)-\(host)-\(pid)-" + String(format: "%08x", index)
            let owner = LockOwner(token: token, host: host, pid: pid, acquiredAt: acquired)
            let ttl: LockTTL = index % 1000 == 0 ? .noExpiry : .remaining(.milliseconds(1000 + (index * 7919) % 600_000))
            entities.append(.lock(LockEntity(key: key, resource: resource, family: .locktop, owners: [owner], ttl: ttl,
                                             rawToken: Array(token.utf8))))
        }
        return Snapshot(takenAt: now, entities: entities, scannedKeys: count)
    }
}
