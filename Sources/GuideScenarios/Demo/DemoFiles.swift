import LockKit
import RedisClient
import Synchronization

/// Large-file processing: a 3 s job under a 1 s lock that `LockWatchdog` keeps renewing.
struct DemoFiles: Sendable {
    let endpoint: RedisEndpoint

    func round(_ progress: DemoProgress) async throws -> DemoRound {
        let lock = DistributedLock(connection: try await DemoConnections.open(endpoint, name: "files"))
        let counter = Atomic(0)
        return {
            let file = "report-\(counter.add(1, ordering: .relaxed).newValue % 3).csv"
            let job = FileProcessing(file: file, chunks: 20, chunkWork: .milliseconds(150), lockTTL: .seconds(1))
            let summary = try await job.run(lock: lock)
            progress.record {
                $0.filesProcessed += 1
                if !summary.heldThroughout { $0.filesNotHeldThroughout += 1 }
            }
        }
    }
}
