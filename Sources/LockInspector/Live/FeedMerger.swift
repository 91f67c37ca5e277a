import RedisClient

/// Turns the updates of one feed per server into the updates of one feed: the servers'
/// states, summed scan progress, one mode, and the snapshots combined as `combination` says.
/// Pure, so it is tested without servers.
///
/// A server whose feed lost its connection drops out (its keys cannot be read or acted on)
/// and is named in `.nodes`; the feed as a whole is "reconnecting" only when no server answers.
public struct FeedMerger: Sendable {
    /// How the servers' snapshots make one.
    public enum Combination: Sendable {
        /// A cluster's masters hold disjoint keys: one snapshot of them all.
        case cluster
        /// Independent Redlock servers hold the same keys: the Redlock report side by side
        /// (`.redlock`), and the first server that answers as the snapshot of the other views.
        case redlock
    }

    public let combination: Combination
    private var parts: [Snapshot?]
    private var progress: [ScanProgress?]
    private var modes: [FeedMode?]
    public private(set) var nodes: [ClusterNodeStatus]
    private var mode: FeedMode?
    private var allDown = false

    /// A merger for a cluster's `masters`, in the order the per-master feeds are numbered.
    public init(masters: [ClusterNode]) {
        self.init(nodes: masters.map { ClusterNodeStatus(address: $0.address, slotCount: $0.slotCount, problem: "connecting") },
                  combination: .cluster)
    }

    /// A merger for independent Redlock `servers` (as shown), in the order given.
    public init(redlockServers servers: [String]) {
        self.init(nodes: servers.map { ClusterNodeStatus(address: $0, slotCount: 0, problem: "connecting") }, combination: .redlock)
    }

    private init(nodes: [ClusterNodeStatus], combination: Combination) {
        self.combination = combination
        self.nodes = nodes
        parts = Array(repeating: nil, count: nodes.count)
        progress = Array(repeating: nil, count: nodes.count)
        modes = Array(repeating: nil, count: nodes.count)
    }

    /// What the cluster feed reports after master `index`'s feed reported `update`.
    public mutating func apply(_ update: FeedUpdate, from index: Int) -> [FeedUpdate] {
        guard parts.indices.contains(index) else { return [] }
        switch update {
        case .snapshot(let snapshot):
            parts[index] = snapshot
            progress[index] = nil
            return markReachable(index, scanned: snapshot.scannedKeys, found: snapshot.count) + combined()
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
            var out: [FeedUpdate] = [.nodes(nodes)] + combined()
            if nodes.allSatisfy({ !$0.isReachable }) {
                allDown = true
                out.append(.connection(.reconnecting(attempt: attempt, reason: "no master answers: \(reason)")))
            }
            return out
        case .events(let lines):
            return [.events(lines)]
        case .nodes, .failover, .redlock:
            return []
        }
    }

    /// The snapshot (and for Redlock the report) of what the servers hold now.
    private func combined() -> [FeedUpdate] {
        switch combination {
        case .cluster:
            return [.snapshot(Snapshot.merging(parts.compactMap { $0 }))]
        case .redlock:
            return [.redlock(RedlockReport(servers: nodes.map(\.address), snapshots: parts)),
                    .snapshot(parts.lazy.compactMap { $0 }.first ?? .empty)]
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
