import RedisClient

/// Turns the updates of one feed per master into the updates of one cluster feed: a merged
/// snapshot, the masters' states, summed scan progress, one mode. Pure, so it is tested
/// without a cluster.
///
/// A master whose feed lost its connection drops out of the snapshot (its keys cannot be
/// read or acted on) and is named in `.nodes`; the feed as a whole is "reconnecting" only
/// when no master answers.
public struct ClusterFeedMerger: Sendable {
    private var parts: [Snapshot?]
    private var progress: [ScanProgress?]
    private var modes: [FeedMode?]
    public private(set) var nodes: [ClusterNodeStatus]
    private var mode: FeedMode?
    private var allDown = false

    /// A merger for `masters`, in the order the per-master feeds are numbered.
    public init(masters: [ClusterNode]) {
        parts = Array(repeating: nil, count: masters.count)
        progress = Array(repeating: nil, count: masters.count)
        modes = Array(repeating: nil, count: masters.count)
        nodes = masters.map { ClusterNodeStatus(address: $0.address, slotCount: $0.slotCount, problem: "connecting") }
    }

    /// What the cluster feed reports after master `index`'s feed reported `update`.
    public mutating func apply(_ update: FeedUpdate, from index: Int) -> [FeedUpdate] {
        guard parts.indices.contains(index) else { return [] }
        switch update {
        case .snapshot(let snapshot):
            parts[index] = snapshot
            progress[index] = nil
            var out = markReachable(index, scanned: snapshot.scannedKeys, found: snapshot.count)
            out.append(.snapshot(Snapshot.merging(parts.compactMap { $0 })))
            return out
        case .progress(let nodeProgress):
            // Masters not scanning now (done, or not begun) are left out of the sum.
            progress[index] = nodeProgress
            return [.progress(ScanProgress.sum(progress.filter { $0 != nil }))]
        case .mode(let nodeMode):
            modes[index] = nodeMode
            let merged = Self.merge(modes)
            guard merged != mode, let merged else { return [] }
            mode = merged
            return [.mode(merged)]
        case .connection(.connected):
            return markReachable(index, scanned: nodes[index].scannedKeys, found: nodes[index].foundKeys)
        case .connection(.reconnecting(let attempt, let reason)):
            parts[index] = nil
            progress[index] = nil
            nodes[index].problem = reason
            var out: [FeedUpdate] = [.nodes(nodes), .snapshot(Snapshot.merging(parts.compactMap { $0 }))]
            if nodes.allSatisfy({ !$0.isReachable }) {
                allDown = true
                out.append(.connection(.reconnecting(attempt: attempt, reason: "no master answers: \(reason)")))
            }
            return out
        case .events(let lines):
            return [.events(lines)]
        case .nodes, .failover:
            return []
        }
    }

    private mutating func markReachable(_ index: Int, scanned: Int, found: Int) -> [FeedUpdate] {
        let before = nodes[index]
        nodes[index].problem = nil
        nodes[index].scannedKeys = scanned
        nodes[index].foundKeys = found
        var out: [FeedUpdate] = []
        if allDown {
            allDown = false
            out.append(.connection(.connected))
        }
        if nodes[index] != before { out.append(.nodes(nodes)) }
        return out
    }

    /// Notifications when every master sends them; else the first master's reason to poll.
    static func merge(_ modes: [FeedMode?]) -> FeedMode? {
        let known = modes.compactMap { $0 }
        guard !known.isEmpty else { return nil }
        for case .polling(let reason) in known { return .polling(reason: reason) }
        return .notifications
    }
}
