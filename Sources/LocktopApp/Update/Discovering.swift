import LockInspector
import RedisClient

extension AppState {
    /// Follows the patterns a discovery found to hold locks, and says what it found.
    mutating func apply(discovery result: Result<DiscoveryReport, RedisError>) -> [Effect] {
        switch result {
        case .failure(let error):
            statusMessage = "discover failed: \(error)"
            return []
        case .success(let report):
            let patterns = report.lockPatterns
            let locks = report.groups.filter { $0.what == "locks" && $0.confidence == .lock }.reduce(0) { $0 + $1.count }
            let possible = report.groups.filter { $0.confidence == .possible }.reduce(0) { $0 + $1.count }
            guard !patterns.isEmpty else {
                statusMessage = "discover: no lock in \(report.scannedKeys) keys" + (possible > 0 ? " (\(possible) possible: locktop discover lists them)" : "")
                return []
            }
            statusMessage = "discover: \(locks) locks in \(report.scannedKeys) keys; following \(patterns.joined(separator: " "))"
                + " (locktop discover --save-profile NAME keeps them)"
            return [.followPatterns(patterns)]
        }
    }
}
